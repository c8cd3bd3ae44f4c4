/** A case: one SQE submitted to one ring context (defined in spec/, where rule tables need it too). */
export type { Case } from '../spec/case.js';
