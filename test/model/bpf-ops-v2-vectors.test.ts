/** Known-answer sequences for bpf-ops@v2 (test/vectors/bpf-ops-v2.json), worked out by hand from the series' registration patch and the 7.2.13 observations. */
import { BPF_OPS_V2_DECLARATION } from '../../properties/bpf-ops-v2/declaration.js';
import { describeStatefulVectors, loadStatefulVectors } from '../helpers/stateful-vectors.js';

describeStatefulVectors({ ...BPF_OPS_V2_DECLARATION, vectors: loadStatefulVectors('bpf-ops-v2.json'), minVectors: 8 });
