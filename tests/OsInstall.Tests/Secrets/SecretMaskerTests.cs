using OsInstall.Common.Secrets;
using Xunit;

namespace OsInstall.Tests.Secrets;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Every_occurrence_of_every_secret_is_masked()
    {
        var masker = new SecretMasker(["s3cretPass", "rabbitKey99"]);
        var text = masker.Apply("login s3cretPass then s3cretPass; amqp://openstack:rabbitKey99@host");
        Assert.Equal("login ***** then *****; amqp://openstack:*****@host", text);
    }

    [Fact]
    public void Longer_secret_is_masked_whole_when_it_contains_a_shorter_one()
    {
        var masker = new SecretMasker(["abcd", "abcdefgh"]);
        Assert.Equal("x ***** y *****", masker.Apply("x abcdefgh y abcd"));
    }

    [Fact]
    public void Shell_quoted_form_of_a_secret_with_a_quote_is_masked()
    {
        var masker = new SecretMasker(["it's-secret"]);
        var command = "echo " + OsInstall.Common.Shell.Sh.Quote("it's-secret");
        Assert.DoesNotContain("secret", masker.Apply(command), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_added_later_are_masked_too()
    {
        var masker = new SecretMasker();
        masker.AddRange(["late-secret"]);
        Assert.Equal("*****", masker.Apply("late-secret"));
    }

    [Fact]
    public void Values_shorter_than_the_minimum_are_not_masked_because_the_secrets_file_refuses_them()
    {
        var masker = new SecretMasker(["abc"]);
        Assert.Equal("abc", masker.Apply("abc"));
    }
}
