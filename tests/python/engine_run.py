"""The engine tier's Python driver (tests/engine): runs a Python example's own
__main__.py as an Automation API inline program with the real Pulumi CLI — no Python
language host can be installed there.

    python engine_run.py <example folder> <project> <up|refresh|preview|destroy>

with the stack in ENGINE_STACK, its config (a JSON object of keys to values) in
ENGINE_CONFIG and, for up, the outputs written to ENGINE_OUTPUTS.
"""

import json
import os
import runpy
import sys

from pulumi import automation as auto


def main() -> None:
    folder, project, op = sys.argv[1:4]
    program = os.path.join(os.path.abspath(folder), "__main__.py")
    stack = auto.create_or_select_stack(
        stack_name=os.environ["ENGINE_STACK"],
        project_name=project,
        program=lambda: runpy.run_path(program, run_name="__main__"),
    )
    if os.environ.get("ENGINE_CONFIG"):
        config = json.loads(os.environ["ENGINE_CONFIG"])
        stack.set_all_config({k: auto.ConfigValue(value=v) for k, v in config.items()})
    if op == "up":
        result = stack.up(on_output=print)
        outputs = {name: out.value for name, out in result.outputs.items()}
        with open(os.environ["ENGINE_OUTPUTS"], "w", encoding="utf-8") as f:
            json.dump(outputs, f)
    elif op == "preview":
        stack.preview(on_output=print, expect_no_changes=True)
    elif op == "refresh":
        stack.refresh(on_output=print)
    elif op == "destroy":
        stack.destroy(on_output=print)
        stack.workspace.remove_stack(stack.name)
    else:
        sys.exit(f"op {op}: want up, refresh, preview or destroy")


if __name__ == "__main__":
    main()
