/** Where raw inbound messages are kept untouched: S3 in AWS, a folder locally. */
export interface RawMailStore {
  /** Stores the bytes under the key. Storing the same key twice keeps one copy. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Deletes every object whose key starts with the prefix, every version of it where versions are kept; returns how many keys went. */
  deletePrefix(prefix: string): Promise<number>;
  list(prefix: string): Promise<string[]>;
}
