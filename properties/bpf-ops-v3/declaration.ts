/** bpf-ops@v3 as a stateful declaration (the family's generators with V3's flag and catalogue). */
import { BPF_OPS_V3_VERSION } from '../../spec/bpf-ops-v3/index.js';
import { bpfOpsDeclaration } from '../bpf-ops/declaration.js';

export const BPF_OPS_V3_DECLARATION = bpfOpsDeclaration(BPF_OPS_V3_VERSION);
