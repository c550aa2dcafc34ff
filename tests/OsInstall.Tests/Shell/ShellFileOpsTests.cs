using OsInstall.Common.Targets;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Shell;

/// <summary>The one-round-trip file commands, run by a real /bin/sh on this machine.</summary>
public class ShellFileOpsTests
{
    private readonly LocalTarget target = new("local", TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Write_creates_with_mode_then_reports_unchanged()
    {
        using var dir = new TempDir();
        var path = dir.File("sub dir/it's.conf");
        const string content = "a = 'b'\n$x = `y`\n";
        Assert.True(await target.WriteFileAsync(path, content, FileSpec.Secret));
        Assert.Equal(content, await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(await target.WriteFileAsync(path, content, FileSpec.Secret));
        Assert.True(await target.WriteFileAsync(path, content + "more\n", FileSpec.Secret));
        Assert.True(await target.WriteFileAsync(path, content + "more\n", FileSpec.Default), "a mode change is a change");
    }

    [Fact]
    public async Task Read_returns_content_or_null()
    {
        using var dir = new TempDir();
        var path = dir.File("x");
        Assert.Null(await target.ReadFileAsync(path));
        Assert.False(await target.ExistsAsync(path));
        await File.WriteAllTextAsync(path, "héllo\nworld");
        Assert.Equal("héllo\nworld", await target.ReadFileAsync(path));
        Assert.True(await target.ExistsAsync(path));
    }
}
