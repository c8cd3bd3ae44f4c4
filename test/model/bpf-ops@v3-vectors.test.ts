/** Known-answer sequences for bpf-ops@v3 (test/vectors/bpf-ops@v3.json), worked out by hand from V3 patch 6/12. */
import { BPF_OPS_V3_DECLARATION } from '../../properties/bpf-ops-v3/declaration.js';
import { BPF_OPS_V3_VERSION } from '../../spec/bpf-ops-v3/index.js';
import { describeBpfOpsVectors } from '../helpers/bpf-ops-vector-suite.js';

describeBpfOpsVectors(BPF_OPS_V3_VERSION, BPF_OPS_V3_DECLARATION);
