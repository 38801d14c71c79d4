// The engine tier's Node.js driver (tests/engine): runs a TypeScript example's own program,
// compiled, as an Automation API inline program with the real Pulumi CLI — no Node.js
// language host can be installed there.
//
//   node run.js <compiled example index.js> <project> <up|refresh|preview|destroy>
// with the stack in ENGINE_STACK, its config (a JSON object of keys to values) in
// ENGINE_CONFIG and, for up, the outputs written to ENGINE_OUTPUTS.
import * as fs from "fs";
import { LocalWorkspace } from "@pulumi/pulumi/automation";

async function main(): Promise<void> {
    const [program, projectName, op] = process.argv.slice(2);
    const stack = await LocalWorkspace.createOrSelectStack({
        stackName: process.env.ENGINE_STACK!,
        projectName,
        program: async () => require(program),
    });
    if (process.env.ENGINE_CONFIG) {
        const config: Record<string, string> = JSON.parse(process.env.ENGINE_CONFIG);
        await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, value]) => [k, { value }])));
    }
    const onOutput = (line: string) => process.stdout.write(line);
    switch (op) {
        case "up": {
            const result = await stack.up({ onOutput });
            const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
            fs.writeFileSync(process.env.ENGINE_OUTPUTS!, JSON.stringify(outputs));
            break;
        }
        case "preview":
            await stack.preview({ onOutput, expectNoChanges: true });
            break;
        case "refresh":
            await stack.refresh({ onOutput });
            break;
        case "destroy":
            await stack.destroy({ onOutput, remove: true });
            break;
        default:
            throw new Error(`op ${op}: want up, refresh, preview or destroy`);
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
