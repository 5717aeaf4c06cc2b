/**
 * Residue checks for erasures, gathered under the name the tests import: each part lives in a module
 * of its own, re-exported here unchanged.
 * - markerPublisher: a publisher whose every personal value is a unique marker;
 * - residueScanners: finding markers in Redis keys, DATA_DIR files and captured text;
 * - residueEngines: the engines (and the server on one) the residue tests run, each with its scan;
 * - kvLifetimes: how long each key-value entry has left (retention);
 * - erasureScenario: one erasure end to end, over the Teams and WeChat drivers of test/helpers;
 * - plantedCopies: copies in state and WeChat answers, registered as a turn registers them.
 */
export { allMarkers, markerPublisher, type MarkedAccount, type MarkerPublisher } from './markerPublisher';
export { describeHits, expectNone, filesUnder, missing, readRedisKey, scanDataDir, scanRedis, scanText, type Hit } from './residueScanners';
export { TEST_AUDIT_SALT, openEngine, startServerOn, type EngineName, type EngineUnderTest, type ServerUnderTest } from './residueEngines';
export { assertLifetimes, kvLifetimes, lifetimesOf } from './kvLifetimes';
export { ErasureScenario, receiptIdIn, type ErasureOutcome } from './erasureScenario';
export { plantAnswer, plantCopy } from './plantedCopies';
export { TeamsUser } from './teamsUser';
export { choiceNumber, codeIn } from './wechat';
export { importWithCli } from './cli';
