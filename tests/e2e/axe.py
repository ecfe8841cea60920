"""axe-core, the standard accessibility checker, run inside a page by Playwright.

axe-core comes from the npm registry at the version pinned in package-lock.json (`npm ci`,
which `make test` runs). It is evaluated through the DevTools protocol, which the page's
Content-Security-Policy does not govern, so the policy under test stays as strict as served.
"""

import json
from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The impacts the issue asks to be free of (axe's scale: minor, moderate, serious, critical).
BLOCKING = ("serious", "critical")

RUN_AXE = """async (include) => {
  const results = await axe.run(include ? { include: [include] } : document, {
    resultTypes: ["violations"],
  });
  return { url: results.url, testEngine: results.testEngine, violations: results.violations };
}"""


@cache
def axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: `npm ci` installs it (`make test` runs it).")
    return AXE.read_text()


def audit(page, name: str, output_dir: Path, *, include: str | None = None) -> list[str]:
    """Runs axe on the page as it is now (or on the part `include` selects), saves its report
    as `axe-<name>.json` beside the screenshots, and returns the serious and critical
    violations, one line each: an empty list is a pass."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    results = page.evaluate(RUN_AXE, include)
    (output_dir / f"axe-{name}.json").write_text(json.dumps(results, indent=2))
    return [
        f"{name}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
