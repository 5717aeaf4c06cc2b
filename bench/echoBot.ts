/**
 * The baseline: botbuilder's stock echo bot (CloudAdapter on restify, as the samples build it),
 * anonymous, or validating JWTs when MicrosoftAppId is set (with the same endpoint settings the
 * privacy bot gets). Prints `listening <port>` on stdout.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { BOT_CLOUD_PRESETS } from '../src/bot/botFrameworkSettings';

const appId = process.env.MicrosoftAppId;
const settings = appId
  ? {
      ...BOT_CLOUD_PRESETS.global.endpoints,
      ValidateAuthority: true,
      CallerId: BOT_CLOUD_PRESETS.global.CallerId,
      MicrosoftAppId: appId,
      MicrosoftAppPassword: process.env.MicrosoftAppPassword,
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: process.env.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: process.env.ToBotFromEmulatorOpenIdMetadataUrl,
    }
  : {};
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
const bot = new ActivityHandler().onMessage(async (context, next) => {
  await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
  await next();
});
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => adapter.process(req, res, (context) => bot.run(context)));
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`));
