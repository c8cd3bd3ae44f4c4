/** bpf-ops@v2 as a stateful declaration (the family's generators with V2's flag and catalogue). */
import { BPF_OPS_V2_VERSION } from '../../spec/bpf-ops-v2/index.js';
import { bpfOpsDeclaration } from '../bpf-ops/declaration.js';

export const BPF_OPS_V2_DECLARATION = bpfOpsDeclaration(BPF_OPS_V2_VERSION);
