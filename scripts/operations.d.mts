/** Types for scripts/operations.mjs, which the tests import. */
export declare const TABLES: { spec: string; out: string; name: string }[];
export declare function operationTable(specFile: string): Record<string, string>;
