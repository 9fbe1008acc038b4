// Runs the graphql-http server audits (GraphQL over HTTP spec) against a running endpoint.
//
//   node tests/http-audit/audit.mjs http://127.0.0.1:5181/graphql [api-key]
//
// GaLaAid answers only signed-in clients, so every audit request carries the API key given
// (or GALAAID_API_KEY) as 'Authorization: Bearer <key>'.
// Prints one line per audit, the response of every audit that is not ok, and a final JSON
// summary line. Exits 0 only when every audit (MUST, SHOULD and MAY) is ok, 1 when any is not,
// and 2 when the audit could not run at all (no URL, server unreachable, a request timed out).
import { auditServer } from 'graphql-http';

const requestTimeoutMs = 15_000;

const url = process.argv[2];
const apiKey = process.argv[3] ?? process.env.GALAAID_API_KEY;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

// A server that never answers must fail the audit, not hang it.
const fetchWithTimeout = (input, init = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  if (apiKey) {
    headers.set('authorization', `Bearer ${apiKey}`);
  }
  return fetch(input, { ...init, headers, signal: AbortSignal.timeout(requestTimeoutMs) });
};

async function describeResponse(response) {
  try {
    const body = await response.text();
    return `${response.status} ${response.headers.get('content-type') ?? '(no content-type)'}\n      ${body}`;
  } catch (err) {
    return `${response.status} (body unreadable: ${err.message})`;
  }
}

async function printResult(result) {
  console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}`);
  if (result.status !== 'ok') {
    console.log(`      reason: ${result.reason}`);
    console.log(`      response: ${await describeResponse(result.response)}`);
  }
}

function summarize(results) {
  const count = (status) => results.filter((r) => r.status === status).length;
  return {
    url,
    total: results.length,
    ok: count('ok'),
    notice: count('notice'),
    warn: count('warn'),
    error: count('error'),
    failed: results.filter((r) => r.status !== 'ok').map((r) => r.id),
  };
}

let results;
try {
  results = await auditServer({ url, fetchFn: fetchWithTimeout });
} catch (err) {
  console.error(`The audit could not run against ${url}: ${err?.stack ?? err}`);
  console.log(JSON.stringify({ url, fatal: String(err?.message ?? err) }));
  process.exit(2);
}

for (const result of results) {
  await printResult(result);
}

const summary = summarize(results);
console.log(JSON.stringify(summary));
process.exit(summary.ok === summary.total ? 0 : 1);
