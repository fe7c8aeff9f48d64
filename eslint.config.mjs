// The project's browser code: the map's script (a classic script, also required by Node in
// tests/test_map_js.py), the page's component modules, the bundle's slides. Run by .ci/run.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["gba_dash/map/js/**/*.js", "gba_dash/publish/templates/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", L: "readonly" },
    },
  },
  {
    files: ["gba_dash/ui/browser/**/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser } },
  },
  {
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: "error",
      "no-var": "off",
    },
  },
];
