// The cjm extension: starts `cjm lsp` for YAML files. The server itself
// leaves YAML that is not a journey map (no top-level `cjm:` key) alone.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("cjm").get("path") || "cjm";
  client = new LanguageClient(
    "cjm",
    "cjm",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", pattern: "**/*.csv" },
      ],
    }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("cjm.path")) {
        vscode.window.showInformationMessage("cjm: reload the window to use the new cjm.path.");
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
