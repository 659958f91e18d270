// What every reader yields: one record of cells as text. The first record is the header.
export interface RawRecord {
  cells: string[];
  /** Line in the file where the record ends (text formats). */
  line?: number;
  /** Fields a JSON row has that the header does not (kept, reported as ragged). */
  extraFields?: string[];
}

export interface ReaderLimits {
  maxColumns: number;
  maxCellChars: number;
  maxExpandedBytes: number;
}
