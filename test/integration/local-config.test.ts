// The local stack's settings come from the environment, checked before anything starts.
import { describe, expect, it } from 'vitest';
import { ConfigError, readLocalConfig } from '../../local/config';

describe('the local configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    // Act
    const config = readLocalConfig({}, '/srv/clone');

    // Assess
    expect(config).toMatchObject({
      dataDir: '/srv/clone/.iep',
      host: '127.0.0.1',
      smtpPort: 2525,
      outboxPort: 8005,
      dynamoPort: 4567,
      webPort: 8004,
      inboundDomain: 'inbound.localhost',
      fromAddress: 'iep@inbound.localhost',
      maxMessageBytes: 25 * 1024 * 1024,
      smtpConnections: { idleMs: 30_000, maxClients: 100, maxClientsPerAddress: 20 },
      demo: true,
    });
  });

  it('takes every port and the domain from the environment, lower-casing the domain', () => {
    // Act
    const config = readLocalConfig(
      {
        IEP_DATA_DIR: '/data/two',
        IEP_SMTP_PORT: '2526',
        IEP_OUTBOX_PORT: '8006',
        IEP_DYNAMO_PORT: '4568',
        IEP_WEB_PORT: '8014',
        IEP_INBOUND_DOMAIN: 'In.Example.ORG',
        IEP_DEMO: '0',
      },
      '/srv/clone',
    );

    // Assess
    expect(config).toMatchObject({
      dataDir: '/data/two',
      smtpPort: 2526,
      outboxPort: 8006,
      dynamoPort: 4568,
      webPort: 8014,
      inboundDomain: 'in.example.org',
      fromAddress: 'iep@in.example.org',
      demo: false,
    });
  });

  it('gives the web view a free port when the outbox takes one, as tests start stacks', () => {
    // Act
    const free = readLocalConfig({ IEP_OUTBOX_PORT: '0' }, '/srv/clone');
    const chosen = readLocalConfig({ IEP_OUTBOX_PORT: '0', IEP_WEB_PORT: '8104' }, '/srv/clone');

    // Assess
    expect(free.webPort).toBe(0);
    expect(chosen.webPort).toBe(8104);
  });

  it('names every wrong setting at once', () => {
    // Act
    const reading = () =>
      readLocalConfig({ IEP_SMTP_PORT: 'twenty', IEP_INBOUND_DOMAIN: 'bad domain', IEP_FROM_ADDRESS: 'nobody' }, '/');

    // Assess
    expect(reading).toThrow(ConfigError);
    expect(reading).toThrow(/IEP_SMTP_PORT[\s\S]*IEP_INBOUND_DOMAIN[\s\S]*IEP_FROM_ADDRESS/);
  });
});
