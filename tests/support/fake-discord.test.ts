import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  DiscordjsErrorCodes,
  EmbedBuilder,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  REST,
  RESTEvents,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  shardIdFor,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from './fake-discord/index.js';
import { guardLoopback, type LoopbackGuard } from './loopback-guard.js';

const WAIT_MS = 5_000;

let guard: LoopbackGuard;
let fake: FakeDiscord | undefined;
let client: Client | undefined;

beforeAll(() => {
  guard = guardLoopback();
});

afterAll(async () => {
  guard.dispose();
  expect(guard.attempts.length).toBeGreaterThan(0);
  expect(guard.violations).toEqual([]);
  // Every client and fake was closed: no TCP socket or server may outlive the tests.
  const tcp = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'));
  await vi.waitFor(() => expect(tcp()).toEqual([]), { timeout: 2_000 });
});

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord(options);
  return fake;
}

function newClient(target: FakeDiscord, options: Partial<ClientOptions> = {}): Client {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: target.rest, ...options });
  return client;
}

async function readyClient(target: FakeDiscord, options: Partial<ClientOptions> = {}) {
  const bot = newClient(target, options);
  const ready = once(bot, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
  await bot.login(target.token);
  await ready;
  return bot;
}

/** Runs `handler` for every interaction and keeps its errors, which a test then asserts on. */
function handle(bot: Client, handler: (interaction: Interaction) => Promise<unknown>): Error[] {
  const failures: Error[] = [];
  bot.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: Error) => failures.push(error));
  });
  return failures;
}

describe('logging in', () => {
  it('reaches ready with every seeded guild and its channels cached', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    expect(bot.user?.id).toBe(target.applicationId);
    expect([...bot.guilds.cache.keys()].sort()).toEqual(target.guilds.map((g) => g.id).sort());
    const filmClub = bot.guilds.cache.get(target.guilds[0].id);
    expect(filmClub?.name).toBe('Film Club');
    expect(filmClub?.channels.cache.map((c) => c.name).sort()).toEqual(['general', 'movie-night']);
    const identify = await target.waitForGateway((e) => e.kind === 'identify');
    expect(identify).toMatchObject({ intents: GatewayIntentBits.Guilds, refusedWith: null });
  });

  it('leaves discord.js no Discord URL: REST, CDN, media proxy and gateway all point at the fake', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    expect(bot.rest.options.api).toBe(`${target.url}/api`);
    expect(bot.rest.options.cdn).toBe(`${target.url}/cdn`);
    expect(bot.rest.options.mediaProxy).toBe(`${target.url}/media`);
    expect(bot.ws.gateway).toBe(`${target.urls.gateway}/`);
    expect(bot.user?.displayAvatarURL()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\//);
    expect(target.requests.all().map((r) => `${r.method} ${r.apiPath}`)).toEqual([
      'GET /gateway/bot',
    ]);
  });

  it('acknowledges heartbeats at the configured interval', async () => {
    const target = await startFake({ heartbeatIntervalMs: 300 });
    const bot = await readyClient(target);

    const first = await target.waitForGateway((e) => e.kind === 'heartbeat');
    const second = await target.waitForGateway((e) => e.kind === 'heartbeat', WAIT_MS, {
      from: target.gatewayEvents.size,
    });

    expect(second.at - first.at).toBeGreaterThanOrEqual(250);
    // READY is s=1 and the two GUILD_CREATEs 2 and 3: heartbeats carry the last one seen.
    expect(second).toMatchObject({ kind: 'heartbeat', seq: 3 });
    await expect.poll(() => bot.ws.ping, { timeout: WAIT_MS }).toBeGreaterThanOrEqual(0);
  });

  it('serves the bot user and application to fetches', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    const application = await bot.application?.fetch();
    const user = (await bot.rest.get(Routes.user())) as { id: string; bot: boolean };

    expect(application).toMatchObject({ id: target.applicationId, name: 'reelmate' });
    expect(application?.owner?.id).toBe(target.users[0].id);
    expect(user).toMatchObject({ id: target.applicationId, bot: true });
  });

  it('rejects a wrong token with TokenInvalid after a 401 on /gateway/bot', async () => {
    const target = await startFake();
    const bot = newClient(target);

    await expect(bot.login('not-the-token')).rejects.toMatchObject({
      code: DiscordjsErrorCodes.TokenInvalid,
    });
    expect(target.requests.all()).toMatchObject([
      { apiPath: '/gateway/bot', status: 401, authorized: false },
    ]);
    expect(target.gatewayEvents.filter((e) => e.kind === 'connect')).toEqual([]);
  });

  it('closes with 4014 and fails login when a privileged intent is not enabled', async () => {
    const target = await startFake();
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers];
    const bot = newClient(target, { intents });

    await expect(bot.login(target.token)).rejects.toThrow('Used disallowed intents');
    const close = await target.waitForGateway((e) => e.kind === 'close');
    expect(close).toMatchObject({ code: GatewayCloseCodes.DisallowedIntents, initiatedBy: 'fake' });
  });

  it('accepts the same privileged intent once the application has it enabled', async () => {
    const target = await startFake({ privilegedIntents: BigInt(GatewayIntentBits.GuildMembers) });
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers];
    const bot = await readyClient(target, { intents });

    expect(bot.guilds.cache.size).toBe(2);
  });
});

describe('slash commands', () => {
  it('records an embed reply, and the handler saw the guild, member and options', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const [alice] = target.users;
    const failures = handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const title = interaction.options.getString('title', true);
      const embed = new EmbedBuilder()
        .setTitle(`Because you liked ${title}`)
        .setDescription(`${interaction.guild?.name} / ${interaction.user.username}`)
        .addFields({
          name: 'Admin',
          value: String(interaction.memberPermissions?.has('Administrator')),
        });
      await interaction.reply({ embeds: [embed] });
    });

    const answer = await target
      .sendCommand({
        guildId: target.guilds[0].id,
        userId: alice.id,
        name: 'recommend',
        options: { title: 'Alien' },
      })
      .reply();

    expect(failures).toEqual([]);
    expect(answer).toMatchObject({ via: 'callback', status: 204 });
    expect(answer.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(answer.data.embeds).toEqual([
      expect.objectContaining({
        title: 'Because you liked Alien',
        description: 'Film Club / alice',
        fields: [{ name: 'Admin', value: 'true' }],
      }),
    ]);
  });

  it('records the deferral (type 5) and the edit that replaces it', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const failures = handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await sleep(50);
      await interaction.editReply({ content: 'Try Blade Runner' });
    });

    const command = target.sendCommand({
      guildId: target.guilds[1].id,
      userId: target.users[1].id,
      name: 'recommend',
    });
    const first = await command.reply();
    const final = await command.final();

    expect(failures).toEqual([]);
    expect(first.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(final).toMatchObject({
      via: 'edit',
      status: 200,
      data: { content: 'Try Blade Runner' },
    });
    expect(final.request.method).toBe('PATCH');
    expect(final.request.params.messageId).toBe('@original');
    expect(final.message?.content).toBe('Try Blade Runner');
    expect((final.message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('reports the last of several edits as the final answer', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'Thinking about films...' });
      await interaction.editReply({ content: 'Halfway there' });
      await interaction.editReply({ content: 'Watch Arrival' });
    });

    const final = await target
      .sendCommand({ guildId: target.guilds[0].id, userId: target.users[0].id, name: 'recommend' })
      .final();

    expect(final.data.content).toBe('Watch Arrival');
    expect(final.message?.content).toBe('Watch Arrival');
  });

  it('records the bytes and name of a file attached to a reply, and serves them back', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const poster = Buffer.from('fake poster bytes \u0000\u0001\u0002');
    handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const file = new AttachmentBuilder(poster, { name: 'poster.bin' });
      await interaction.reply({ content: 'Here is the poster', files: [file] });
    });

    const answer = await target
      .sendCommand({ guildId: target.guilds[0].id, userId: target.users[0].id, name: 'poster' })
      .reply();

    expect(answer.request.multipart).toBe(true);
    expect(answer.data.content).toBe('Here is the poster');
    expect(answer.files).toHaveLength(1);
    expect(answer.files[0]).toMatchObject({ field: 'files[0]', name: 'poster.bin' });
    expect(answer.files[0].bytes.equals(poster)).toBe(true);

    const attachment = answer.message?.attachments[0];
    expect(attachment).toMatchObject({ filename: 'poster.bin', size: poster.length });
    const served = await fetch(attachment?.url ?? '');
    expect(Buffer.from(await served.arrayBuffer()).equals(poster)).toBe(true);
  });

  it('serves the response message, follow-ups, fetches and deletes through the webhook', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const seen: string[] = [];
    const failures = handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'First pick', withResponse: true });
      const followUp = await interaction.followUp({ content: 'Second pick' });
      const fetched = await interaction.fetchReply();
      seen.push(response.resource?.message?.id ?? '', fetched.content, followUp.content);
      await interaction.deleteReply(followUp);
    });

    const command = target.sendCommand({
      guildId: target.guilds[0].id,
      userId: target.users[0].id,
      name: 'recommend',
    });
    const answer = await command.reply();
    const deleted = await target.waitFor((r) => r.method === 'DELETE');

    expect(failures).toEqual([]);
    expect(answer.status).toBe(200);
    expect(seen).toEqual([answer.message?.id, 'First pick', 'Second pick']);
    expect(command.followUps()).toMatchObject([{ status: 200, body: { content: 'Second pick' } }]);
    expect(deleted.status).toBe(204);
    expect(target.message(deleted.params.messageId)).toBeUndefined();
  });

  it('answers in a DM when no guild is given', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply(`guild=${interaction.guildId} user=${interaction.user.username}`);
    });

    const answer = await target
      .sendCommand({ userId: target.users[1].id, name: 'recommend' })
      .reply();

    expect(answer.data.content).toBe('guild=null user=bob');
  });

  it('refuses a reply sent after the interaction deadline with 10062 Unknown interaction', async () => {
    const target = await startFake({ interactionDeadlineMs: 100 });
    const bot = await readyClient(target);
    const failures = handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await sleep(250);
      await interaction.reply('too late');
    });

    const answer = await target
      .sendCommand({ guildId: target.guilds[0].id, userId: target.users[0].id, name: 'slow' })
      .reply();

    expect(answer.status).toBe(404);
    await expect.poll(() => failures.length).toBe(1);
    expect(failures[0]).toBeInstanceOf(DiscordAPIError);
    expect((failures[0] as DiscordAPIError).code).toBe(10062);
  });
});

describe('autocomplete and components', () => {
  it('records the choices of an autocomplete response for the focused option', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    handle(bot, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused(true);
      const titles = ['Alien', 'Aliens', 'Alien 3'].filter((t) => t.startsWith(typed.value));
      await interaction.respond(titles.map((t) => ({ name: `${typed.name}: ${t}`, value: t })));
    });

    const choices = await target
      .sendAutocomplete({
        guildId: target.guilds[0].id,
        userId: target.users[0].id,
        name: 'like',
        options: { title: 'Alien' },
        focused: 'title',
      })
      .choices();

    expect(choices).toEqual([
      { name: 'title: Alien', value: 'Alien' },
      { name: 'title: Aliens', value: 'Aliens' },
      { name: 'title: Alien 3', value: 'Alien 3' },
    ]);
  });

  it('delivers a string select on a message the bot posted, and records the update', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const failures = handle(bot, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const menu = new StringSelectMenuBuilder()
          .setCustomId('pick-film')
          .addOptions({ label: 'Alien', value: 'alien' }, { label: 'Heat', value: 'heat' });
        const row = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu);
        await interaction.reply({ content: 'Pick one', components: [row] });
      }
      if (interaction.isStringSelectMenu()) {
        await interaction.update({
          content: `You picked ${interaction.values[0]}`,
          components: [],
        });
      }
    });
    const guildId = target.guilds[0].id;
    const userId = target.users[1].id;

    const menu = await target.sendCommand({ guildId, userId, name: 'pick' }).final();
    const messageId = menu.message?.id ?? '';
    const update = await target
      .sendComponent({ guildId, userId, customId: 'pick-film', values: ['heat'], messageId })
      .reply();

    expect(failures).toEqual([]);
    expect(update.callbackType).toBe(InteractionResponseType.UpdateMessage);
    expect(target.message(messageId)).toMatchObject({ content: 'You picked heat', components: [] });
  });
});

describe('gateway interruptions', () => {
  it.each([
    ['a 4000 close', 4000],
    ['an abrupt drop', undefined],
  ])('resumes after %s and replays a command sent while offline', async (_, closeCode) => {
    const target = await startFake();
    const bot = await readyClient(target);
    handle(bot, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply(`pong ${interaction.commandName}`);
    });
    const resumed = once(bot, Events.ShardResume, { signal: AbortSignal.timeout(WAIT_MS) });
    const where = { guildId: target.guilds[0].id, userId: target.users[0].id };

    expect(target.dropConnection(closeCode)).toBe(1);
    const whileOffline = target.sendCommand({ ...where, name: 'offline' });
    await resumed;
    const afterResume = target.sendCommand({ ...where, name: 'online' });

    expect((await whileOffline.reply()).data.content).toBe('pong offline');
    expect((await afterResume.reply()).data.content).toBe('pong online');
    const replays = target.gatewayEvents.filter((e) => e.kind === 'dispatch' && e.replayed);
    expect(replays).toMatchObject([{ t: 'INTERACTION_CREATE', delivered: true }]);
    const resume = await target.waitForGateway((e) => e.kind === 'resume');
    expect(resume).toMatchObject({ accepted: true, sessionId: target.sessions[0].id });
    const connect = target.gatewayEvents.filter((e) => e.kind === 'connect')[1];
    expect(connect).toMatchObject({ path: '/gateway/resume' });
    expect(target.gatewayEvents.filter((e) => e.kind === 'identify')).toHaveLength(1);
  });

  it('resumes when the gateway asks the client to reconnect (op 7)', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const resumed = once(bot, Events.ShardResume, { signal: AbortSignal.timeout(WAIT_MS) });

    target.requestReconnect();
    await resumed;

    expect(await target.waitForGateway((e) => e.kind === 'resume')).toMatchObject({
      accepted: true,
    });
  });

  it('closes a RESUME with 4004 once the token was reset, and the client gives up', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const disconnected = once(bot, Events.ShardDisconnect, {
      signal: AbortSignal.timeout(WAIT_MS),
    });

    target.rotateToken('a-freshly-reset-token');
    target.dropConnection(4000);
    const [event] = await disconnected;

    expect(event.code).toBe(GatewayCloseCodes.AuthenticationFailed);
    expect(await target.waitForGateway((e) => e.kind === 'resume')).toMatchObject({
      accepted: false,
    });
  });

  it('lets a test close the session with a fatal code', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const disconnected = once(bot, Events.ShardDisconnect, {
      signal: AbortSignal.timeout(WAIT_MS),
    });

    target.closeWith(GatewayCloseCodes.DisallowedIntents);
    const [event] = await disconnected;

    expect(event.code).toBe(GatewayCloseCodes.DisallowedIntents);
    expect(target.sessions[0].resumable).toBe(false);
  });
});

describe('sharding', () => {
  it('spawns the recommended 2 shards and routes each guild to its own shard', async () => {
    const target = await startFake({ shards: 2 });
    const bot = await readyClient(target, { shards: 'auto' });
    const [first, second] = target.guilds;
    handle(bot, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply(`shard ${interaction.guild?.shardId}`);
    });

    const identifies = target.gatewayEvents.filter((e) => e.kind === 'identify');
    expect(identifies.map((e) => (e.kind === 'identify' ? e.shard : null)).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(shardIdFor(first.id, 2)).toBe(0);
    expect(shardIdFor(second.id, 2)).toBe(1);
    expect(bot.guilds.cache.get(first.id)?.shardId).toBe(0);
    expect(bot.guilds.cache.get(second.id)?.shardId).toBe(1);

    const userId = target.users[0].id;
    const onSecond = await target
      .sendCommand({ guildId: second.id, userId, name: 'where' })
      .reply();
    const onFirst = await target.sendCommand({ guildId: first.id, userId, name: 'where' }).reply();
    expect(onSecond.data.content).toBe('shard 1');
    expect(onFirst.data.content).toBe('shard 0');
  });
});

describe('command registration', () => {
  const recommend = new SlashCommandBuilder()
    .setName('recommend')
    .setDescription('Suggest a film')
    .addIntegerOption((o) => o.setName('count').setDescription('How many').setRequired(true));

  it('stores global commands set through client.application.commands', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    const saved = await bot.application!.commands.set([recommend.toJSON()]);

    expect(target.commands().map((c) => c.name)).toEqual(['recommend']);
    expect(saved.first()?.id).toBe(target.commands()[0].id);
  });

  it('stores guild commands put through a bare REST client', async () => {
    const target = await startFake();
    const rest = new REST({ api: target.rest.api, cdn: target.rest.cdn }).setToken(target.token);
    const guildId = target.guilds[1].id;

    await rest.put(Routes.applicationGuildCommands(target.applicationId, guildId), {
      body: [recommend.toJSON()],
    });

    expect(target.commands(guildId)).toMatchObject([{ name: 'recommend', guild_id: guildId }]);
    expect(target.commands()).toEqual([]);
  });

  it('types command options from the registered definition', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    await bot.application!.commands.set([recommend.toJSON()]);
    handle(bot, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply(`count=${interaction.options.getInteger('count', true)}`);
    });

    const answer = await target
      .sendCommand({
        guildId: target.guilds[0].id,
        userId: target.users[0].id,
        name: 'recommend',
        options: { count: 3 },
      })
      .reply();

    expect(answer.data.content).toBe('count=3');
    expect(() =>
      target.sendCommand({
        guildId: target.guilds[0].id,
        userId: target.users[0].id,
        name: 'recommend',
        options: { cuont: 3 },
      }),
    ).toThrow("has no option 'cuont'");
  });

  it('refuses a definition Discord would refuse, with 50035 Invalid Form Body', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    const invalid = { name: 'Recommend', description: 'Upper case is not allowed' };
    await expect(bot.application!.commands.set([invalid])).rejects.toMatchObject({ code: 50035 });
    expect(target.commands()).toEqual([]);
  });
});

describe('REST failures', () => {
  it('makes discord.js wait out a 429 and retry', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    const limited = once(bot.rest, RESTEvents.RateLimited, {
      signal: AbortSignal.timeout(WAIT_MS),
    });
    const rule = target.failNext({
      route: Routes.applicationCommands(target.applicationId),
      method: 'PUT',
      status: 429,
      retryAfterMs: 50,
    });

    await bot.application!.commands.set([{ name: 'ping', description: 'Ping' }]);

    const [info] = await limited;
    expect(info).toMatchObject({ retryAfter: expect.any(Number), global: false });
    const puts = target.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => [r.status, r.injectedFailure])).toEqual([
      [429, 429],
      [200, null],
    ]);
    expect(puts[0].responseBody).toMatchObject({ retry_after: 0.05, global: false });
    expect(rule.remaining).toBe(0);
  });

  it('makes discord.js retry a 500 on an interaction callback', async () => {
    const target = await startFake();
    const bot = await readyClient(target);
    handle(bot, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('survived');
    });
    target.failNext({ route: '/interactions/:interactionId/:token/callback', status: 500 });

    const answer = await target
      .sendCommand({ guildId: target.guilds[0].id, userId: target.users[0].id, name: 'ping' })
      .reply();

    expect(answer).toMatchObject({ status: 204, data: { content: 'survived' } });
    const callbacks = target.requests.filter((r) => r.route === answer.request.route);
    expect(callbacks.map((r) => r.status)).toEqual([500, 204]);
  });

  it('answers unknown routes with a Discord-shaped 404 and records them', async () => {
    const target = await startFake();
    const bot = await readyClient(target);

    const request = bot.rest.get(Routes.channel('123'));

    await expect(request).rejects.toMatchObject({
      status: 404,
      code: 0,
      message: '404: Not Found',
    });
    const unknown = await target.waitFor((r) => r.route === null);
    expect(unknown).toMatchObject({ method: 'GET', apiPath: '/channels/123', status: 404 });
  });

  it('refuses bot routes without the bot token with 401', async () => {
    const target = await startFake();

    const response = await fetch(`${target.rest.api}/v10/users/@me`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });
});
