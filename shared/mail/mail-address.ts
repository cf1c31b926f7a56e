// What counts as an email address the system keeps (a guardian, an allowed sender), in one place:
// RFC 5322's addr-spec as zod's `rfc5322Email` pattern reads it, so a quoted local part
// ("x y"@example.org, "smith, j."@school.org) is an address as much as o'brien+iep@school.org.
// Lower-cased, as every comparison of addresses here is; mailparser gives the From in the same form.
import { z } from 'zod';

export const mailAddressSchema = z
  .string()
  .trim()
  .max(254)
  .transform((value) => value.toLowerCase())
  .pipe(z.email({ pattern: z.regexes.rfc5322Email, error: 'not an email address (name@example.org)' }));

/** The address as kept and compared, or null when it is not one (the caller says so in plain words). */
export function keptAddress(raw: string): string | null {
  const parsed = mailAddressSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
