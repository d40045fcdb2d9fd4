// Lighthouse (its default: mobile) on each URL given, in one Chromium, one after another: prints
// one JSON line {url, scores, error} per URL. Run from build/bench/, where npm installed Lighthouse.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const chrome = await chromeLauncher.launch({ chromeFlags: ["--headless=new", "--no-sandbox"] });
try {
  for (const url of process.argv.slice(2)) {
    const flags = { port: chrome.port, output: "json", logLevel: "error", disableFullPageScreenshot: true };
    const lhr = (await lighthouse(url, flags))?.lhr;
    const categories = Object.entries(lhr?.categories ?? {}).filter(([, c]) => c.score !== null);
    const scores = Object.fromEntries(categories.map(([id, c]) => [id, Math.round(c.score * 100)]));
    console.log(JSON.stringify({ url, scores, error: lhr?.runtimeError?.code ?? null }));
  }
} finally {
  await chrome.kill();
}
