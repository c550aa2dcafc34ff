namespace OsInstall.Common.Database;

/// <summary>
/// A database an OpenStack service owns: its name, the account that owns it and the secret that
/// holds that account's password (a key of the secrets file, e.g. "keystone_db_password").
/// </summary>
public sealed record ServiceDatabase(string Name, string User, string PasswordSecret);
