// What the hourly runs look up to know who is due: index reads only, no child's profile.

export interface DueSendsIndex {
  /** Ids of the (unpaused) children whose digest is due in the UTC hour starting at `hour`. */
  digestChildIds(hour: Date): Promise<string[]>;
  /** The time zones some child lives in. */
  reminderZones(): Promise<string[]>;
  /** Ids of the (unpaused) children who live in `zone`. */
  reminderChildIds(zone: string): Promise<string[]>;
}
