export { describeJsonError, type ReadPackageResult, readPackageFolder } from './readPackageFolder.js';
export { packageFileText, writePackageFolder } from './writePackageFolder.js';
