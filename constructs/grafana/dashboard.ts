// Hand-written cdktf binding for the `grafana_dashboard` resource of grafana/grafana 4.45.1.
// Attribute names checked against the provider's resource docs page:
//   grafana/terraform-provider-grafana docs/resources/dashboard.md ("Schema" section)
//   https://registry.terraform.io/providers/grafana/grafana/4.45.1/docs/resources/dashboard
// Arguments bound: config_json, folder, overwrite, message. Read-only attributes exposed: id, uid, url.

import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import { GRAFANA_GENERATOR_METADATA } from './provider';

/** Configuration of a `grafana_dashboard` resource. */
export interface GrafanaDashboardConfig extends cdktf.TerraformMetaArguments {
  /**
   * The complete dashboard model as a JSON string (`JSON.stringify(dashboard)`).
   *
   * Terraform argument: `config_json`.
   */
  readonly configJson: string;
  /**
   * The folder to save the dashboard in. Pass the folder's uid, e.g. `folder.uid` of a
   * {@link GrafanaFolder}; the 3.x docs describe this argument as "the id or UID of the folder"
   * and their example passes `grafana_folder.<name>.uid`.
   *
   * Terraform argument: `folder`.
   *
   * @default - unset: the dashboard is saved in Grafana's root ("General") folder
   */
  readonly folder?: string;
  /**
   * Overwrite an existing dashboard with the same title in the folder or the same uid.
   *
   * Terraform argument: `overwrite`.
   *
   * @default - unset (the provider treats it as false)
   */
  readonly overwrite?: boolean;
  /**
   * Commit message stored in the dashboard's version history.
   *
   * Terraform argument: `message`.
   *
   * @default - unset: no commit message
   */
  readonly message?: string;
}

/** A Grafana dashboard (`resource "grafana_dashboard"`). */
export class GrafanaDashboard extends cdktf.TerraformResource {
  /** The Terraform resource type this class synthesizes. */
  public static readonly tfResourceType = 'grafana_dashboard';

  private readonly _configJson: string;
  private readonly _folder?: string;
  private readonly _overwrite?: boolean;
  private readonly _message?: string;

  /**
   * @param scope The scope in which to define this construct
   * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
   * @param config The dashboard configuration
   */
  public constructor(scope: Construct, id: string, config: GrafanaDashboardConfig) {
    super(scope, id, {
      terraformResourceType: GrafanaDashboard.tfResourceType,
      terraformGeneratorMetadata: GRAFANA_GENERATOR_METADATA,
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this._configJson = config.configJson;
    this._folder = config.folder;
    this._overwrite = config.overwrite;
    this._message = config.message;
  }

  /** The configured dashboard model JSON. */
  public get configJson(): string {
    return this._configJson;
  }

  /** The configured folder, or undefined for the root folder. */
  public get folder(): string | undefined {
    return this._folder;
  }

  /** Token for the resource's Terraform `id`. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** Token for the dashboard uid (read-only attribute `uid`). */
  public get uid(): string {
    return this.getStringAttribute('uid');
  }

  /** Token for the dashboard's full URL (read-only attribute `url`). */
  public get url(): string {
    return this.getStringAttribute('url');
  }

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      config_json: cdktf.stringToTerraform(this._configJson),
      folder: cdktf.stringToTerraform(this._folder),
      overwrite: cdktf.booleanToTerraform(this._overwrite),
      message: cdktf.stringToTerraform(this._message),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const str = (value: string | undefined) => ({
      value: cdktf.stringToHclTerraform(value),
      isBlock: false,
      type: 'simple',
      storageClassType: 'string',
    });
    const attrs = {
      config_json: str(this._configJson),
      folder: str(this._folder),
      overwrite: {
        value: cdktf.booleanToHclTerraform(this._overwrite),
        isBlock: false,
        type: 'simple',
        storageClassType: 'boolean',
      },
      message: str(this._message),
    };
    return Object.fromEntries(Object.entries(attrs).filter(([, attr]) => attr.value !== undefined));
  }
}
