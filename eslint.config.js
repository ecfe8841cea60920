// ESLint for the browser code: plain ES modules served as they are, no build step.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Only our own browser code: not vendored libraries, virtualenvs or collected files.
  { ignores: ["**/*", "!static/", "!static/**", "static/vendor/", "!eslint.config.js"] },
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // User data reaches the page as text nodes or attributes, never parsed as markup.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build nodes with DOM APIs or a <template>." },
        { property: "outerHTML", message: "Build nodes with DOM APIs or a <template>." },
        { property: "insertAdjacentHTML", message: "Build nodes with DOM APIs or a <template>." },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
