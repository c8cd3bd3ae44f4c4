/**
 * Known answers for bpf@v1-base (test/vectors/bpf-v1-base.json): each row worked out by hand from the posted
 * patches (test/vectors/SERIES-FACTS.md has the facts and Message-IDs), never by running the model.
 */
import { describeBpfVersionVectors } from '../helpers/bpf-version-vectors.js';

describeBpfVersionVectors('bpf@v1-base');
