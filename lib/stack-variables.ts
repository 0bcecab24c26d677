import { TerraformStack, TerraformVariable } from 'cdktf';

/** A Terraform variable a stack declares: what `TF_VAR_<name>` a deploy must set. */
export interface StackVariable {
  readonly name: string;
  readonly description: string;
  readonly sensitive: boolean;
  /** Whether the variable has a default, so a deploy may leave it unset. */
  readonly required: boolean;
}

/** The variables a stack declares, by name. */
export function stackVariables(stack: TerraformStack): StackVariable[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformVariable => c instanceof TerraformVariable)
    .map((v) => ({
      name: v.friendlyUniqueId,
      description: v.description ?? '',
      sensitive: v.sensitive === true,
      required: v.default === undefined,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The stacks of an app, in the order it synthesizes them. */
export function appStacks(root: { node: { children: readonly unknown[] } }): TerraformStack[] {
  return root.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
}
