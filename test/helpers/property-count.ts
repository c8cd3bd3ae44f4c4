/** How many properties a bpf@v1 check runs (the spec's and the harness's own), so tests follow the catalogue instead of a number. */
import { HARNESS_PROPERTIES } from '../../properties/harness/codec-properties.js';
import { getSpec } from '../../registry/specs.js';

export const BPF_V1_PROPERTY_COUNT = getSpec('bpf@v1').properties.length + HARNESS_PROPERTIES.length;
