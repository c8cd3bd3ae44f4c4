/** Known-answer sequences for bpf-ops@v3 (test/vectors/bpf-ops-v3.json), worked out by hand from the series' registration patch and the 7.2.13 observations. */
import { BPF_OPS_V3_DECLARATION } from '../../properties/bpf-ops-v3/declaration.js';
import { describeStatefulVectors, loadStatefulVectors } from '../helpers/stateful-vectors.js';

describeStatefulVectors({ ...BPF_OPS_V3_DECLARATION, vectors: loadStatefulVectors('bpf-ops-v3.json'), minVectors: 8 });
