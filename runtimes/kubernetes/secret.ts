import { Construct } from 'constructs';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { secretVariable } from '../../lib/terraform';

/** Terraform 1.11 is the first that sends write-only attributes such as a Secret's `data_wo`. */
export const REQUIRED_TERRAFORM = '>= 1.11';

export interface KubernetesSecretProps {
  readonly namespace: string;
  /** What the Secret waits for: its namespace. */
  readonly dependsOn: ITerraformDependable[];
  /** The Secret's name in the cluster. */
  readonly name: string;
  /**
   * Each key's value, built from the sensitive variables this construct is given with
   * `variable(...)`; values never appear in Terraform state (`data_wo`).
   */
  readonly data: (variable: (name: string, description: string) => string) => Record<string, string>;
  /**
   * Raise it to make Terraform write the values again (after changing a TF_VAR_ value):
   * write-only values are not compared with the cluster. @default 1
   */
  readonly revision?: number;
}

/**
 * A Kubernetes Secret whose values come from sensitive Terraform variables, written with the
 * write-only `data_wo`: the synthesized plan holds `${var.<name>}`, the state holds nothing.
 * Its keys are known at synth, for the checks that a mounted key exists.
 */
export class KubernetesSecret extends Construct {
  readonly resource: SecretV1;
  readonly secretName: string;
  readonly namespace: string;
  readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: KubernetesSecretProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
    const data = props.data((name, description) => secretVariable(this, name, description).stringValue);
    this.secretName = props.name;
    this.namespace = props.namespace;
    this.keys = Object.keys(data).sort();
    this.resource = new SecretV1(this, 'secret', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'app.kubernetes.io/managed-by': 'terraform' } },
      type: 'Opaque',
      dataWo: data,
      dataWoRevision: props.revision ?? 1,
      dependsOn: props.dependsOn,
    });
  }
}
