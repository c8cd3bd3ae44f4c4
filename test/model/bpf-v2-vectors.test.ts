/**
 * Known answers for bpf@v2 (test/vectors/bpf-v2.json): each row worked out by hand from the posted
 * patches (test/vectors/SERIES-FACTS.md has the facts and Message-IDs), never by running the model.
 */
import { describeBpfVersionVectors } from '../helpers/bpf-version-vectors.js';

describeBpfVersionVectors('bpf@v2');
