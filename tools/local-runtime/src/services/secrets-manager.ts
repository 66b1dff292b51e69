import { randomInt, randomUUID } from 'node:crypto';
import {
  AwsServiceError,
  createJsonProtocolServer,
  decodeToken,
  encodeToken,
  epochSeconds,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
} from './aws-json-protocol.ts';
import { JsonFileWriter, readJsonFile } from './json-file.ts';
import {
  closeServer,
  defaultRegion,
  endpointFor,
  type LocalService,
  listen,
  localAccountId,
  once,
} from './local-service.ts';

/**
 * A local AWS Secrets Manager: the JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`)
 * for what Faktura's handlers use (CreateSecret, PutSecretValue, GetSecretValue, UpdateSecret,
 * DescribeSecret, ListSecrets, DeleteSecret, RestoreSecret), with AWS's error names and messages, so
 * that the unmodified `@aws-sdk/client-secrets-manager` works against it through
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 *
 * Versions are kept as Secrets Manager keeps them, minimally: each value written is a version
 * (its id is the request's `ClientRequestToken`, which the SDK fills in); the newest is
 * `AWSCURRENT`, the one before `AWSPREVIOUS`; versions left without a label stay readable by id.
 * No KMS (the `KmsKeyId` given is only echoed), no rotation, no replication, no resource policies.
 *
 * With `file`, every change is written to that JSON file (mode 0600: the values are in clear
 * text there, as they are for the developer's own machine), and read back at start.
 */
export interface SecretsManagerOptions {
  readonly port: number;
  readonly host?: string;
  readonly region?: string;
  /** The JSON file the secrets persist to; none: in memory only. */
  readonly file?: string;
  /** Clock, for tests. */
  readonly now?: () => number;
}

export interface LocalSecretsManager extends LocalService {
  readonly region: string;
}

interface StoredVersion {
  versionId: string;
  secretString?: string;
  /** Base64, as the protocol carries blobs. */
  secretBinary?: string;
  createdDate: number;
  stages: string[];
}

interface StoredSecret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  /** Set when deletion is scheduled: the secret is gone for good at `deletionDate`. */
  deletedDate?: number;
  deletionDate?: number;
  versions: StoredVersion[];
}

interface StoredDocument {
  version: 1;
  secrets: StoredSecret[];
}

const current = 'AWSCURRENT';
const previous = 'AWSPREVIOUS';
const maxVersions = 100;
const day = 24 * 60 * 60 * 1000;
const namePattern = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;

const notFound = () =>
  new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
const markedForDeletion = () =>
  new AwsServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );
const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterException', message);

const randomSuffix = (): string => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join('');
};

const readValue = (input: JsonObject): { secretString?: string; secretBinary?: string } => {
  const secretString = optionalString(input, 'SecretString');
  const secretBinary = optionalString(input, 'SecretBinary');
  if (secretString !== undefined && secretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  return {
    ...(secretString !== undefined ? { secretString } : {}),
    ...(secretBinary !== undefined ? { secretBinary } : {}),
  };
};

const readTags = (input: JsonObject): { Key: string; Value: string }[] =>
  (optionalArray(input, 'Tags') ?? []).map((tag) => {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== 'string' || typeof Value !== 'string')
      throw invalidParameter('Each tag needs a string Key and Value.');
    return { Key, Value };
  });

/** The operations, over an in-memory list of secrets; `changed` is called after every change. */
export class SecretsManagerBackend {
  readonly #secrets: StoredSecret[];

  public constructor(
    private readonly region: string,
    secrets: StoredSecret[] = [],
    private readonly changed: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.#secrets = secrets;
  }

  public snapshot(): StoredDocument {
    return { version: 1, secrets: this.#secrets };
  }

  public readonly operations: Record<string, (input: JsonObject) => unknown> = {
    CreateSecret: (input) => this.createSecret(input),
    PutSecretValue: (input) => this.putSecretValue(input),
    GetSecretValue: (input) => this.getSecretValue(input),
    UpdateSecret: (input) => this.updateSecret(input),
    DescribeSecret: (input) => this.describeSecret(input),
    ListSecrets: (input) => this.listSecrets(input),
    DeleteSecret: (input) => this.deleteSecret(input),
    RestoreSecret: (input) => this.restoreSecret(input),
  };

  /** Drops secrets whose recovery window has passed, as Secrets Manager does. */
  #purge(): void {
    const now = this.now();
    for (let i = this.#secrets.length - 1; i >= 0; i--) {
      const deletionDate = this.#secrets[i]?.deletionDate;
      if (deletionDate !== undefined && deletionDate <= now) this.#secrets.splice(i, 1);
    }
  }

  /** By name, by full ARN, or by ARN without the random suffix (a "partial ARN"). */
  #find(secretId: string): StoredSecret | undefined {
    this.#purge();
    return this.#secrets.find(
      (secret) => secret.name === secretId || secret.arn === secretId || secret.arn.slice(0, -7) === secretId,
    );
  }

  #require(input: JsonObject, options: { allowDeleted?: boolean } = {}): StoredSecret {
    const secret = this.#find(requiredString(input, 'SecretId'));
    if (!secret) throw notFound();
    if (secret.deletedDate !== undefined && !options.allowDeleted) throw markedForDeletion();
    return secret;
  }

  /** Adds a version and moves its labels (default AWSCURRENT; the replaced current becomes AWSPREVIOUS). */
  #addVersion(
    secret: StoredSecret,
    value: { secretString?: string; secretBinary?: string },
    token: string | undefined,
    stages: string[] = [current],
  ): StoredVersion {
    const versionId = token ?? randomUUID();
    const existing = secret.versions.find((version) => version.versionId === versionId);
    if (existing) {
      if (existing.secretString === value.secretString && existing.secretBinary === value.secretBinary)
        return existing;
      throw new AwsServiceError(
        'ResourceExistsException',
        `You can't modify an existing version, you can only create a new version. (VersionId ${versionId})`,
      );
    }
    const now = this.now();
    const replacedCurrent = stages.includes(current)
      ? secret.versions.find((version) => version.stages.includes(current))
      : undefined;
    for (const version of secret.versions) {
      version.stages = version.stages.filter((stage) => !stages.includes(stage));
    }
    if (replacedCurrent) {
      for (const version of secret.versions)
        version.stages = version.stages.filter((stage) => stage !== previous);
      replacedCurrent.stages.push(previous);
    }
    const version: StoredVersion = { versionId, ...value, createdDate: now, stages: [...stages] };
    secret.versions.push(version);
    while (secret.versions.length > maxVersions) {
      const index = secret.versions.findIndex((candidate) => candidate.stages.length === 0);
      if (index === -1) break;
      secret.versions.splice(index, 1);
    }
    secret.lastChangedDate = now;
    return version;
  }

  private createSecret(input: JsonObject) {
    const name = requiredString(input, 'Name');
    if (!namePattern.test(name)) {
      throw invalidParameter(
        'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
      );
    }
    const value = readValue(input);
    const existing = this.#find(name);
    if (existing?.deletedDate !== undefined) {
      throw new AwsServiceError(
        'InvalidRequestException',
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    if (existing) {
      throw new AwsServiceError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }
    const now = this.now();
    const description = optionalString(input, 'Description');
    const kmsKeyId = optionalString(input, 'KmsKeyId');
    const secret: StoredSecret = {
      arn: `arn:aws:secretsmanager:${this.region}:${localAccountId}:secret:${name}-${randomSuffix()}`,
      name,
      ...(description !== undefined ? { description } : {}),
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      tags: readTags(input),
      createdDate: now,
      lastChangedDate: now,
      versions: [],
    };
    const hasValue = value.secretString !== undefined || value.secretBinary !== undefined;
    const version = hasValue
      ? this.#addVersion(secret, value, optionalString(input, 'ClientRequestToken'))
      : undefined;
    this.#secrets.push(secret);
    this.changed();
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
  }

  private putSecretValue(input: JsonObject) {
    const secret = this.#require(input);
    const value = readValue(input);
    if (value.secretString === undefined && value.secretBinary === undefined) {
      throw invalidParameter('You must provide either SecretString or SecretBinary.');
    }
    const stages = optionalArray(input, 'VersionStages')?.map(String);
    const version = this.#addVersion(secret, value, optionalString(input, 'ClientRequestToken'), stages);
    this.changed();
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      VersionStages: [...version.stages],
    };
  }

  private getSecretValue(input: JsonObject) {
    const secret = this.#require(input);
    const versionId = optionalString(input, 'VersionId');
    const stage = optionalString(input, 'VersionStage') ?? (versionId === undefined ? current : undefined);
    const version = secret.versions.find(
      (candidate) =>
        (versionId === undefined || candidate.versionId === versionId) &&
        (stage === undefined || candidate.stages.includes(stage)),
    );
    if (!version) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        versionId === undefined
          ? `Secrets Manager can't find the specified secret value for staging label: ${stage}`
          : `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
      );
    }
    secret.lastAccessedDate = Math.floor(this.now() / day) * day;
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...(version.secretString !== undefined ? { SecretString: version.secretString } : {}),
      ...(version.secretBinary !== undefined ? { SecretBinary: version.secretBinary } : {}),
      VersionStages: [...version.stages],
      CreatedDate: epochSeconds(version.createdDate),
    };
  }

  private updateSecret(input: JsonObject) {
    const secret = this.#require(input);
    const description = optionalString(input, 'Description');
    const kmsKeyId = optionalString(input, 'KmsKeyId');
    if (description !== undefined) secret.description = description;
    if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId;
    const value = readValue(input);
    const version =
      value.secretString !== undefined || value.secretBinary !== undefined
        ? this.#addVersion(secret, value, optionalString(input, 'ClientRequestToken'))
        : undefined;
    secret.lastChangedDate = this.now();
    this.changed();
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
  }

  #versionsToStages(secret: StoredSecret): Record<string, string[]> {
    return Object.fromEntries(
      secret.versions
        .filter((version) => version.stages.length > 0)
        .map((version) => [version.versionId, [...version.stages]]),
    );
  }

  #metadata(secret: StoredSecret) {
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.description !== undefined ? { Description: secret.description } : {}),
      ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
      RotationEnabled: false,
      LastChangedDate: epochSeconds(secret.lastChangedDate),
      ...(secret.lastAccessedDate !== undefined
        ? { LastAccessedDate: epochSeconds(secret.lastAccessedDate) }
        : {}),
      ...(secret.deletedDate !== undefined ? { DeletedDate: epochSeconds(secret.deletedDate) } : {}),
      Tags: secret.tags.map((tag) => ({ ...tag })),
      CreatedDate: epochSeconds(secret.createdDate),
    };
  }

  private describeSecret(input: JsonObject) {
    const secret = this.#require(input, { allowDeleted: true });
    return { ...this.#metadata(secret), VersionIdsToStages: this.#versionsToStages(secret) };
  }

  private listSecrets(input: JsonObject) {
    this.#purge();
    const includeDeleted = optionalBoolean(input, 'IncludePlannedDeletion') ?? false;
    const maxResults = optionalNumber(input, 'MaxResults') ?? 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      throw invalidParameter('MaxResults must be between 1 and 100.');
    }
    const filters = (optionalArray(input, 'Filters') ?? []).map((filter) => {
      const { Key, Values } = (filter ?? {}) as { Key?: unknown; Values?: unknown };
      if (
        typeof Key !== 'string' ||
        !Array.isArray(Values) ||
        Values.some((value) => typeof value !== 'string')
      ) {
        throw invalidParameter('Each filter needs a Key and a list of string Values.');
      }
      return { key: Key, values: Values as string[] };
    });
    const order = optionalString(input, 'SortOrder') ?? 'asc';
    const matching = this.#secrets
      .filter((secret) => includeDeleted || secret.deletedDate === undefined)
      .filter((secret) => filters.every((filter) => matchesFilter(secret, filter.key, filter.values)))
      .sort((a, b) => (order === 'desc' ? b.createdDate - a.createdDate : a.createdDate - b.createdDate));
    const offset = decodeToken(optionalString(input, 'NextToken'), 'InvalidNextTokenException');
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + maxResults < matching.length ? encodeToken(offset + maxResults) : undefined;
    return {
      SecretList: page.map((secret) => ({
        ...this.#metadata(secret),
        SecretVersionsToStages: this.#versionsToStages(secret),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private deleteSecret(input: JsonObject) {
    const secret = this.#require(input, { allowDeleted: true });
    const force = optionalBoolean(input, 'ForceDeleteWithoutRecovery') ?? false;
    const window = optionalNumber(input, 'RecoveryWindowInDays');
    if (force && window !== undefined) {
      throw invalidParameter(
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    if (window !== undefined && (!Number.isInteger(window) || window < 7 || window > 30)) {
      throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    const now = this.now();
    if (force) {
      this.#secrets.splice(this.#secrets.indexOf(secret), 1);
      this.changed();
      return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(now) };
    }
    if (secret.deletedDate !== undefined) throw markedForDeletion();
    secret.deletedDate = now;
    secret.deletionDate = now + (window ?? 30) * day;
    this.changed();
    return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(secret.deletionDate) };
  }

  private restoreSecret(input: JsonObject) {
    const secret = this.#require(input, { allowDeleted: true });
    delete secret.deletedDate;
    delete secret.deletionDate;
    this.changed();
    return { ARN: secret.arn, Name: secret.name };
  }
}

/**
 * ListSecrets filters, as Secrets Manager applies them: a value matches a field that starts with it
 * (a prefix match), a value starting with `!` excludes the secrets it matches; the values of one
 * filter are or-ed, the filters are and-ed. `primary-region` and `owning-service` match nothing
 * here (no replication, no managed secrets).
 */
const matchesFilter = (secret: StoredSecret, key: string, values: string[]): boolean => {
  const fields = (): string[] => {
    switch (key) {
      case 'name':
        return [secret.name];
      case 'description':
        return secret.description !== undefined ? [secret.description] : [];
      case 'tag-key':
        return secret.tags.map((tag) => tag.Key);
      case 'tag-value':
        return secret.tags.map((tag) => tag.Value);
      case 'primary-region':
        return [];
      case 'owning-service':
        return [];
      case 'all':
        return [
          secret.name,
          ...(secret.description !== undefined ? [secret.description] : []),
          ...secret.tags.flatMap((tag) => [tag.Key, tag.Value]),
        ];
      default:
        throw invalidParameter(`Invalid filter key: ${key}`);
    }
  };
  const candidates = fields();
  const positive = values.filter((value) => !value.startsWith('!'));
  const negative = values.filter((value) => value.startsWith('!')).map((value) => value.slice(1));
  const hasPrefix = (prefix: string) => candidates.some((candidate) => candidate.startsWith(prefix));
  return (positive.length === 0 || positive.some(hasPrefix)) && !negative.some(hasPrefix);
};

export const startSecretsManager = async (options: SecretsManagerOptions): Promise<LocalSecretsManager> => {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? defaultRegion;
  const stored = options.file ? readJsonFile<StoredDocument>(options.file) : undefined;
  const writer = options.file ? new JsonFileWriter(options.file) : undefined;
  const backend: SecretsManagerBackend = new SecretsManagerBackend(
    region,
    stored?.secrets ?? [],
    () => void writer?.write(backend.snapshot()),
    options.now,
  );
  const server = createJsonProtocolServer({
    targetPrefix: 'secretsmanager',
    contentType: 'application/x-amz-json-1.1',
    operations: backend.operations,
    onInternalError: (error, operation) =>
      process.stderr.write(`[secrets-manager] ${operation}: ${String(error)}\n`),
  });
  const port = await listen(server, options.port, host);
  return {
    endpoint: endpointFor(host, port),
    port,
    region,
    stop: once(async () => {
      await closeServer(server);
      await writer?.flush();
    }),
  };
};
