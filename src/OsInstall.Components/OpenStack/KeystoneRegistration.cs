namespace OsInstall.Components.OpenStack;

/// <summary>
/// A service's place in keystone, as the original's install scripts create it: the service user
/// (its password is the secret <see cref="PasswordSecret"/>) with the admin role in the "service"
/// project, the service entity, and its public, internal and admin endpoints
/// http://&lt;ClusterEndpoints.ApiHost&gt;:&lt;Port&gt;&lt;Path&gt; in the configured region.
/// </summary>
/// <param name="UserName">Keystone user of the service (glance, nova, ...).</param>
/// <param name="PasswordSecret">Secret holding that user's password (glance_password, ...).</param>
/// <param name="ServiceName">Service entity name (glance, nova, placement, ...).</param>
/// <param name="ServiceType">Catalog type (image, compute, placement, network, volumev3, ...).</param>
/// <param name="Description">Service entity description.</param>
/// <param name="Port">The API's well-known port on the VIP.</param>
/// <param name="Path">URL path after the port ("" or "/v2.1", "/v3/%(project_id)s").</param>
public sealed record KeystoneRegistration(
    string UserName, string PasswordSecret, string ServiceName, string ServiceType, string Description, int Port, string Path = "");
