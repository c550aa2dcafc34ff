using System.Text;
using OsInstall.Common.Secrets;

namespace OsInstall.Tests.Secrets;

/// <summary>A file written through a shell command travels base64-encoded: the secret is masked there too.</summary>
public class SecretMaskerBase64Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("[database]\nconnection = x\npassword = ")]
    public void A_secret_inside_base64_of_a_file_is_masked_at_every_alignment(string before)
    {
        const string secret = "Zq8!xR2$pL9#wK4m";
        var masker = new SecretMasker([secret]);
        var file = before + secret + "\n[other]\nkey = value\n";
        var command = $"printf %s '{Convert.ToBase64String(Encoding.UTF8.GetBytes(file))}' | base64 -d > /etc/x.conf";

        var masked = masker.Apply(command);

        Assert.Contains(SecretMasker.Mask, masked);
        foreach (var form in SecretMasker.Base64Forms(secret))
        {
            Assert.DoesNotContain(form, masked);
        }
        Assert.StartsWith("printf %s '", masked); // the rest of the command stays readable
    }

    [Fact]
    public void An_eight_character_secret_still_has_a_masked_form_at_every_alignment()
    {
        Assert.Equal(3, SecretMasker.Base64Forms("abcdefgh").Count());
    }
}
