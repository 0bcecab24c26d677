// Hand-written cdktf binding for the grafana/grafana Terraform provider, pinned to 4.45.1.
// Provider arguments (`url`, `auth`) checked against the provider's own docs page:
//   grafana/terraform-provider-grafana docs/index.md ("Schema" section)
//   https://registry.terraform.io/providers/grafana/grafana/4.45.1/docs
// `alias` is a Terraform meta-argument, not a provider schema attribute.

import * as cdktf from 'cdktf';
import { Construct } from 'constructs';

/** The single grafana/grafana provider version these bindings were written and checked against. */
export const GRAFANA_PROVIDER_VERSION = '4.45.1';

/** Registry source address of the grafana provider. */
export const GRAFANA_PROVIDER_SOURCE = 'grafana/grafana';

/**
 * Generator metadata shared by the provider and every grafana resource binding.
 * `providerVersion` is what cdktf writes into `required_providers`; the constraint is the same
 * exact version so nothing can float.
 */
export const GRAFANA_GENERATOR_METADATA: cdktf.TerraformProviderGeneratorMetadata = {
  providerName: 'grafana',
  providerVersion: GRAFANA_PROVIDER_VERSION,
  providerVersionConstraint: GRAFANA_PROVIDER_VERSION,
};

/** Configuration of a `provider "grafana"` block. */
export interface GrafanaProviderConfig {
  /**
   * The root URL of the Grafana server, e.g. `http://grafana:3000/`.
   *
   * Terraform argument: `url`.
   */
  readonly url: string;
  /**
   * Credentials: an API/service-account token, basic auth as `username:password`, or the
   * literal `anonymous`. Sensitive in the provider schema; pass a Terraform token (for example
   * a sensitive `TerraformVariable`'s `stringValue`) rather than a literal secret, because literal
   * strings end up in the synthesized JSON.
   *
   * Terraform argument: `auth`.
   */
  readonly auth: string;
  /**
   * Alias of this provider configuration, for using several Grafana instances in one stack.
   *
   * @default - no alias: this is the default `grafana` provider configuration
   */
  readonly alias?: string;
}

/** The grafana/grafana Terraform provider (`provider "grafana"`). */
export class GrafanaProvider extends cdktf.TerraformProvider {
  private readonly _url: string;
  private readonly _auth: string;
  private _alias?: string;

  /**
   * @param scope The scope in which to define this construct
   * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
   * @param config The provider configuration
   */
  public constructor(scope: Construct, id: string, config: GrafanaProviderConfig) {
    super(scope, id, {
      terraformResourceType: 'grafana',
      terraformGeneratorMetadata: GRAFANA_GENERATOR_METADATA,
      terraformProviderSource: GRAFANA_PROVIDER_SOURCE,
    });
    this._url = config.url;
    this._auth = config.auth;
    this._alias = config.alias;
  }

  /** The configured Grafana root URL. */
  public get url(): string {
    return this._url;
  }

  /** The configured provider alias, if any. */
  public override get alias(): string | undefined {
    return this._alias;
  }

  public override set alias(value: string | undefined) {
    this._alias = value;
  }

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      url: cdktf.stringToTerraform(this._url),
      auth: cdktf.stringToTerraform(this._auth),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      url: { value: cdktf.stringToHclTerraform(this._url), isBlock: false, type: 'simple', storageClassType: 'string' },
      auth: { value: cdktf.stringToHclTerraform(this._auth), isBlock: false, type: 'simple', storageClassType: 'string' },
      alias: { value: cdktf.stringToHclTerraform(this._alias), isBlock: false, type: 'simple', storageClassType: 'string' },
    };
    return Object.fromEntries(Object.entries(attrs).filter(([, attr]) => attr.value !== undefined));
  }
}
