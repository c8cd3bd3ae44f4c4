/** Known-answer sequences for bpf-ops@v2 (test/vectors/bpf-ops@v2.json), worked out by hand from V2 patch 6/13. */
import { BPF_OPS_V2_DECLARATION } from '../../properties/bpf-ops-v2/declaration.js';
import { BPF_OPS_V2_VERSION } from '../../spec/bpf-ops-v2/index.js';
import { describeBpfOpsVectors } from '../helpers/bpf-ops-vector-suite.js';

describeBpfOpsVectors(BPF_OPS_V2_VERSION, BPF_OPS_V2_DECLARATION);
