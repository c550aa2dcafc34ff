using OsInstall.Common.Config;

namespace OsInstall.Components.SampleVm;

/// <summary>
/// The names and paths of the sample VM's objects, all derived from sample_vm in the config (never
/// remembered from an earlier step): the image is named after the file of sample_vm.image_url, as
/// the original names it after SAMPLE_IMAGE_FILE; volume and server share sample_vm.name.
/// </summary>
public sealed class SampleVmNames(ClusterConfig config)
{
    /// <summary>Where controller-1 keeps the downloaded image and its raw conversion (the original's vm/ folder).</summary>
    public const string WorkDir = "/var/lib/osinstall/sample-vm";

    /// <summary>The glance properties the original's image gets (virtio-scsi disk, guest agent, quiesced snapshots).</summary>
    public static readonly IReadOnlyList<string> ImageProperties =
        ["hw_scsi_model=virtio-scsi", "hw_disk_bus=scsi", "hw_qemu_guest_agent=yes", "os_require_quiesce=yes"];

    private static readonly string[] ImageExtensions = [".qcow2", ".qcow", ".img", ".raw"];

    private SampleVmSection Vm => config.SampleVm;

    public string Image
    {
        get
        {
            var file = ImageFile;
            var ext = ImageExtensions.FirstOrDefault(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            return ext is null ? file : file[..^ext.Length];
        }
    }

    /// <summary>The last path segment of the image URL (without query or fragment).</summary>
    public string ImageFile
    {
        get
        {
            var url = Vm.ImageUrl;
            var end = url.IndexOfAny(['?', '#']);
            var path = end < 0 ? url : url[..end];
            var file = path.TrimEnd('/');
            return file[(file.LastIndexOf('/') + 1)..];
        }
    }

    /// <summary>The download before conversion.</summary>
    public string Download => $"{WorkDir}/{ImageFile}.download";

    /// <summary>The raw image glance receives (the Ceph-backed store wants raw to clone it into volumes).</summary>
    public string RawImage => $"{WorkDir}/{Image}.raw";

    public string Volume => Vm.Name;

    public string Server => Vm.Name;

    public string Flavor => Vm.FlavorName;

    public string InternalNetwork => Vm.InternalNetworkName;

    public string ExternalNetwork => Vm.ExternalNetworkName;

    public string Router => Vm.RouterName;

    public string SecurityGroup => Vm.SecurityGroupName;

    public string Keypair => Vm.KeypairName;

    /// <summary>The key pair's files on controller-1 (the private one only when osinstall generates it).</summary>
    public string PrivateKey => $"/root/.ssh/{Vm.KeypairName}";

    public string PublicKey => $"{PrivateKey}.pub";

    public bool GeneratesKey => string.IsNullOrWhiteSpace(Vm.KeypairPublicKey);

    /// <summary>The tag that marks the floating IP osinstall made for the server (the original's was untracked).</summary>
    public string FloatingIpTag => $"osinstall-sample-vm-{Vm.Name}";
}
