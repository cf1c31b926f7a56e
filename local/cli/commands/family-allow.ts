// `iep family allow|remove --child ADDRESS EMAIL` and `iep family delete --child ADDRESS --yes`:
// the operator's equivalents of the `allow`, `remove` and `delete all data` email commands.

import { deleteChildNow } from '../../../shared/deletion/child-deletion';
import { type CliIo, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';

export const familyAllowUsage = `  iep family allow --child ADDRESS EMAIL
  iep family remove --child ADDRESS EMAIL
  iep family delete --child ADDRESS --yes`;

export const familyAllowHelp = `allow  Lets EMAIL (a provider CC-ing the address) send to the child's address directly.
remove Stops accepting mail from EMAIL: it is held again and the guardians are asked.
delete Deletes every record, stored message and the address of the child, irreversibly
       (--yes is required).`;

export const FAMILY_ALLOW_SUBCOMMANDS = ['allow', 'remove', 'delete'] as const;

export async function runFamilyAllow(sub: string, args: string[], io: CliIo): Promise<number> {
  if (sub === 'delete') {
    const { values } = parseOptions(args, { child: { type: 'string' }, yes: { type: 'boolean' } });
    const address = requireOption(values.child, '--child ADDRESS');
    if (!values.yes) throw new UsageError('Deleting is irreversible: add --yes to confirm.');
    return withLocalData(io, async (data) => {
      const child = await data.services.children.findByAddress(address);
      if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
      const report = await deleteChildNow(data.services, child.id);
      io.out(
        `Deleted ${child.name}: ${report.items} items and ${report.rawMessages} stored messages. ${address} no longer accepts mail.`,
      );
      return 0;
    });
  }
  const { values, positionals } = parseOptions(args, { child: { type: 'string' } }, true);
  const address = requireOption(values.child, '--child ADDRESS');
  const email = positionals[0];
  if (email === undefined || positionals.length !== 1)
    throw new UsageError('Give exactly one EMAIL to allow or remove.');
  const { normalizeAddress } = await import('../../../shared/store/families');
  let sender: string;
  try {
    sender = normalizeAddress(email);
  } catch {
    throw new UsageError(`"${email}" is not an email address.`);
  }
  return withLocalData(io, async (data) => {
    const child = await data.services.children.findByAddress(address);
    if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
    if (sub === 'allow') {
      await data.services.children.allowSender(child.id, sender);
      io.out(`${sender} may now send to ${child.inboundAddress}.`);
    } else {
      await data.services.children.removeSender(child.id, sender);
      io.out(`${sender} is no longer allowed to send to ${child.inboundAddress}.`);
    }
    return 0;
  });
}
