namespace OsInstall.Tests.Simulation;

/// <summary>
/// The recording stand-ins installed in every simulated host's /usr/local/bin, for the commands
/// that cannot (or must not) run on this machine, and the busybox applets left out of the
/// host roots because a chroot is not a namespace: they would act on this machine's kernel,
/// network, clock or processes.
/// </summary>
public static class StandIns
{
    /// <summary>Where the single stand-in script lives inside a host root; each command is a symlink to it.</summary>
    public const string ScriptPath = "/usr/local/lib/osinstall-sim/standin";

    /// <summary>Lines "applet renamed-applet" of the patched busybox (see <see cref="PatchedBusybox"/>).</summary>
    public const string RenamedAppletsPath = "/usr/local/lib/osinstall-sim/renamed-applets";

    /// <summary>Where each host's calls are recorded (inside its root).</summary>
    public const string CallLog = "/var/log/osinstall-sim/calls.log";

    /// <summary>Fault file: lines "command substring-of-args exit-code".</summary>
    public const string FaultFile = "/etc/osinstall-sim/faults";

    /// <summary>Delay file: lines "command seconds" ("*" = every command); the stand-in sleeps after recording the call, standing for remote work.</summary>
    public const string DelayFile = "/etc/osinstall-sim/delays";

    /// <summary>Canned standard output: /etc/osinstall-sim/output/&lt;command&gt; is printed by the stand-in.</summary>
    public const string OutputDirectory = "/etc/osinstall-sim/output";

    public static readonly IReadOnlyList<string> Commands =
    [
        "apk", "rc-service", "rc-update", "rc-status", "service", "openrc", "sv", "supervise-daemon",
        "reboot", "halt", "poweroff", "modprobe", "sysctl", "ip", "route", "mount", "umount",
        "lxc-start", "lxc-stop", "lxc-attach", "lxc-info", "lxc-create", "lxc-destroy", "lxc-ls",
        "rbd", "ceph", "ovs-vsctl", "ovn-nbctl", "ovn-sbctl", "ovn-appctl", "ovs-appctl",
        "rndc", "named-checkconf", "pip", "pip3", "python3", "git", "make", "udevadm",
        "openstack", "qemu-img", "ssh-keygen", "scp", "rsyslogd", "logrotate", "logger", "hostname", "date", "kill", "killall", "killall5", "pkill",
    ];

    /// <summary>Busybox applets that get no symlink in a host root.</summary>
    public static readonly IReadOnlySet<string> DeniedApplets = new HashSet<string>(StringComparer.Ordinal)
    {
        "busybox", // its own applet list names it: linking it would overwrite the binary
        // power and init
        "reboot", "halt", "poweroff", "init", "linuxrc", "run-init", "switch_root", "pivot_root", "chroot", "resume",
        // kernel, modules, devices, clock
        "sysctl", "modprobe", "insmod", "rmmod", "depmod", "lsmod", "modinfo", "mdev", "uevent", "devmem", "watchdog",
        "hwclock", "adjtimex", "rdate", "date", "hostname", "dmesg", "klogd", "syslogd", "logread", "logger", "mknod",
        "i2cdetect", "i2cdump", "i2cget", "i2cset", "i2ctransfer", "freeramdisk", "loadfont", "loadkmap", "setkeycodes",
        "dumpkmap", "chvt", "deallocvt", "openvt", "getty", "sulogin", "microcom",
        // disks and filesystems
        "mount", "umount", "swapon", "swapoff", "losetup", "fdisk", "partprobe", "mke2fs", "mkdosfs", "mkswap",
        "blkdiscard", "blockdev", "fstrim", "fsfreeze", "findfs", "fatattr", "ubirename",
        // network configuration
        "ip", "ipneigh", "ifconfig", "ifup", "ifdown", "route", "arp", "arping", "nameif", "vconfig", "tunctl", "tc",
        "brctl", "udhcpc", "udhcpd",
        // processes and namespaces of this machine
        "kill", "killall", "killall5", "pkill", "nsenter", "unshare", "setpriv", "renice", "ionice", "taskset",
        "start-stop-daemon",
        // daemons that would outlive the fixture
        "crond", "httpd", "telnetd",
    };

    /// <summary>
    /// The stand-in (busybox ash). It records "argc NUL name NUL arg1 NUL ... argN NUL" so every
    /// argument is kept literally whatever it contains, then answers. Arguments are only ever
    /// expanded inside double quotes, so nothing in them is interpreted.
    /// </summary>
    public const string Script = """
        #!/bin/sh
        # osinstall simulated cluster: recording stand-in for a command that cannot run here.
        name=${0##*/}
        logdir=/var/log/osinstall-sim
        state=/var/lib/osinstall-sim
        mkdir -p "$logdir" "$state/services" "$state/containers"
        tries=0
        while ! mkdir "$logdir/calls.lock" 2>/dev/null && [ "$tries" -lt 3000 ]; do
          usleep 1000; tries=$((tries + 1))
        done
        printf '%s\0' "$#" "$name" "$@" >> "$logdir/calls.log"
        rmdir "$logdir/calls.lock" 2>/dev/null

        if [ -f /etc/osinstall-sim/delays ]; then
          while read -r cmd secs || [ -n "$cmd" ]; do
            case $cmd in "$name"|'*') sleep "$secs" ;; esac
          done < /etc/osinstall-sim/delays
        fi

        if [ -f /etc/osinstall-sim/faults ]; then
          joined=" $* "
          while IFS= read -r line || [ -n "$line" ]; do
            case $line in ''|'#'*) continue ;; esac
            cmd=${line%% *}
            [ "$cmd" = "$name" ] || continue
            rest=${line#"$cmd"}; rest=${rest# }
            code=${rest##* }
            sub=${rest%"$code"}; sub=${sub% }
            case $joined in
              *"$sub"*)
                printf '%s: injected fault (exit %s)\n' "$name" "$code" >&2
                exit "$code" ;;
            esac
          done < /etc/osinstall-sim/faults
        fi

        if [ -f "/etc/osinstall-sim/output/$name" ]; then
          cat "/etc/osinstall-sim/output/$name"
        fi

        case $name in
          rc-service|service)
            svc=$1; action=$2
            case $action in
              start|restart|reload) : > "$state/services/$svc" ;;
              stop) rm -f "$state/services/$svc" ;;
              status)
                if [ -f "$state/services/$svc" ]; then echo " * status: started"; else echo " * status: stopped"; exit 3; fi ;;
            esac ;;
          rc-update)
            [ "$1" = add ] && echo " * service $2 added to runlevel ${3:-default}"
            [ "$1" = del ] && echo " * service $2 removed from runlevel ${3:-default}" ;;
          apk)
            world=$state/apk-world
            touch "$world"
            case $1 in
              add) shift; for p in "$@"; do case $p in -*) ;; *) grep -qxF -- "$p" "$world" || echo "$p" >> "$world" ;; esac; done ;;
              del) shift; for p in "$@"; do grep -vxF -- "$p" "$world" > "$world.new"; mv "$world.new" "$world"; done ;;
              info)
                if [ "$2" = -e ]; then grep -qxF -- "$3" "$world" || exit 1; echo "$3"; fi ;;
            esac ;;
          lxc-create) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; [ -n "$n" ] && echo STOPPED > "$state/containers/$n" ;;
          lxc-destroy) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; rm -f "$state/containers/$n" ;;
          lxc-start) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; [ -f "$state/containers/$n" ] && echo RUNNING > "$state/containers/$n" ;;
          lxc-stop) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; [ -f "$state/containers/$n" ] && echo STOPPED > "$state/containers/$n" ;;
          lxc-info)
            n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done
            [ -f "$state/containers/$n" ] || { echo "$n doesn't exist" >&2; exit 1; }
            echo "Name:           $n"; echo "State:          $(cat "$state/containers/$n")" ;;
          lxc-ls) ls "$state/containers" ;;
          python3) [ "$1" = --version ] && echo "Python 3.12.9" ;;
          pip|pip3) [ "$1" = --version ] && echo "pip 25.0 from /usr/lib/python3.12/site-packages/pip (python 3.12)" ;;
          hostname) [ $# -eq 0 ] && cat /etc/hostname ;;
          date)
            for a in "$@"; do case $a in -s|--set|--set=*) exit 0 ;; esac; done
            exec /bin/busybox "$(sed -n 's/^date //p' /usr/local/lib/osinstall-sim/renamed-applets)" "$@" ;;
          scp)
            # Copies between simulated hosts through the peers mount (see PeerNetwork): [user@]address:path.
            files=; while [ $# -gt 0 ]; do
              case $1 in
                -[oiPFclSJ]) shift ;;
                -*) ;;
                *) files="$files$1
        " ;;
              esac
              shift
            done
            dest=$(printf '%s' "$files" | sed -n '$p'); srcs=$(printf '%s' "$files" | sed '$d')
            peerpath() {
              hp=${1%%:*}; p=${1#*:}; addr=${hp#*@}
              name=$(awk -v a="$addr" '$1 == a { print $2 }' /etc/osinstall-sim/peers)
              [ -n "$name" ] || { echo "scp: $addr: no route to host" >&2; exit 1; }
              printf '%s/%s%s' /var/lib/osinstall-sim/peers "$name" "$p"
            }
            case $dest in *:*) dest=$(peerpath "$dest") ;; esac
            printf '%s\n' "$srcs" | while IFS= read -r s; do
              case $s in *:*) s=$(peerpath "$s") ;; esac
              cp -p "$s" "$dest" || exit 1
            done || exit 1 ;;
          ssh-keygen)
            f=; while [ $# -gt 0 ]; do [ "$1" = -f ] && f=$2; shift; done
            if [ -n "$f" ] && [ ! -e "$f" ]; then
              echo "osinstall-sim fake private key" > "$f"; chmod 600 "$f"
              echo "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDosinstallsim root@$(cat /etc/hostname)" > "$f.pub"
            fi ;;
        esac
        exit 0
        """;
}
