/**
 * `npm run --silent token -- --role ADMIN|RESELLER|USER [--reseller ID] [--customer ID] [--email E]`
 * prints a bearer token for the local stack, signed with its local key, and nothing else, so that
 * it can be used as `TOKEN=$(npm run --silent token -- --role ADMIN)`.
 */
import { parseArgs } from 'node:util';
import { identityKeyFile, localConfig } from '../config.ts';
import { openLocalIdentity } from '../gateway/local-identity.ts';

const usage =
  'usage: npm run --silent token -- --role ADMIN|RESELLER|USER [--reseller ID] [--customer ID] [--email E] [--data-dir DIR]';

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      reseller: { type: 'string' },
      customer: { type: 'string' },
      email: { type: 'string' },
      'data-dir': { type: 'string' },
      'expires-in': { type: 'string' },
    },
  });
  const role = values.role?.toUpperCase();
  if (role !== 'ADMIN' && role !== 'RESELLER' && role !== 'USER') throw new Error(usage);
  if (role !== 'ADMIN' && !values.reseller) throw new Error(`--reseller is required for ${role}\n${usage}`);
  if (role === 'USER' && !values.customer) throw new Error(`--customer is required for USER\n${usage}`);
  const identity = await openLocalIdentity(identityKeyFile(localConfig(process.env, values['data-dir'])));
  const token = await identity.sign({
    role,
    reseller: values.reseller,
    customer: values.customer,
    email: values.email,
    expiresIn: values['expires-in'],
  });
  process.stdout.write(`${token}\n`);
};

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
