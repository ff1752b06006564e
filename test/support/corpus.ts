/**
 * The buyer message corpus (test/corpus/), listed once for the tests that read it: each blind
 * round is a file of its own, and a new round joins the corpus here.
 */
import corpusJson from '../corpus/messages.json';
import blind2Json from '../corpus/blind-2.json';
import blind3Json from '../corpus/blind-3.json';
import blind4Json from '../corpus/blind-4.json';
import blind5Json from '../corpus/blind-5.json';
import blind6Json from '../corpus/blind-6.json';
import blind7Json from '../corpus/blind-7.json';
import regressionsJson from '../corpus/regressions.json';

/** The measured rounds, in the order they were written (messages.json holds the first three). */
export const corpusRounds = [corpusJson, blind2Json, blind3Json, blind4Json, blind5Json, blind6Json, blind7Json];

/** Misreadings found after the rounds were measured: held exactly, kept out of the figures. */
export const regressionsFile = regressionsJson;
