/**
 * Known answers for bpf@v3 (test/vectors/bpf-v3.json): each row worked out by hand from the posted
 * patches (test/vectors/SERIES-FACTS.md has the facts and Message-IDs), never by running the model.
 */
import { describeBpfVersionVectors } from '../helpers/bpf-version-vectors.js';

describeBpfVersionVectors('bpf@v3');
