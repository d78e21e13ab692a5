/* global require, process */
'use strict';
/**
 * Preloaded (node -r) into the api and the worker that the bench spawns. Counts the statements each sends to
 * PostgreSQL (every call of pg's Client#query: one round trip, whatever it holds) and the COMMITs among them,
 * by what the process was doing: the name of the BullMQ job being processed, or "outside" (requests in the
 * api; sweeps and start-up in the worker). The bench asks for the counts over the IPC channel.
 */
const { AsyncLocalStorage } = require('node:async_hooks');
const pg = require('pg');
const { Worker } = require('bullmq');

const currentJob = new AsyncLocalStorage();
const counts = {};
const countsOf = (name) => (counts[name] ??= { statements: 0, commits: 0, runs: 0 });

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  const counted = countsOf(currentJob.getStore() ?? 'outside');
  counted.statements += 1;
  if (typeof text === 'string' && /^\s*commit\b/i.test(text)) counted.commits += 1;
  return query.call(this, config, ...rest);
};

const callProcessJob = Worker.prototype.callProcessJob;
Worker.prototype.callProcessJob = function countedJob(job, ...rest) {
  countsOf(job.name).runs += 1;
  return currentJob.run(job.name, () => callProcessJob.call(this, job, ...rest));
};

if (process.send) {
  process.on('message', (message) => {
    if (message?.benchCounters) process.send({ benchCounters: counts });
  });
  // The channel must not keep a process alive that is asked to stop.
  process.channel?.unref();
}
