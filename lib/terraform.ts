/** Terraform helpers every runtime uses: sensitive variables, literal strings. */
import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { fieldError } from './errors';

const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The stack's sensitive Terraform variable of this name, made on first use. It has no
 * default, so `cdktf deploy` asks for it (or reads TF_VAR_<name>) and the synthesized plan
 * only ever holds `${var.<name>}`.
 */
export function secretVariable(scope: Construct, name: string, description: string): TerraformVariable {
  if (!VARIABLE_NAME.test(name)) {
    throw fieldError(scope, 'secret name', name, 'a snake_case name such as "smtp_password" (it becomes TF_VAR_<name>)');
  }
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) return existing;
  return new TerraformVariable(stack, name, { type: 'string', sensitive: true, nullable: false, description });
}

/**
 * Terraform reads `${…}` and `%{…}` in any string as interpolation and template directives;
 * doubling the sigil makes them literal (`$${__value.raw}` reaches Grafana as `${__value.raw}`).
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
