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
        "rbd", "ceph", "ovs-vsctl", "ovsdb-tool", "ovn-nbctl", "ovn-sbctl", "ovn-appctl", "ovs-appctl",
        "rndc", "named-checkconf", "pip", "pip3", "python3", "git", "make", "udevadm",
        "openstack", "qemu-img", "ssh-keygen", "scp", "rsyslogd", "logrotate", "logger", "hostname", "date", "kill", "killall", "killall5", "pkill",
        // container disks (see the rbd block of the script)
        "mkfs.ext4", "e2fsck", "resize2fs", "blkid", "chroot",
        // compute nodes (libvirt; see the openstack and accounts blocks of the script)
        "virsh", "adduser", "addgroup", "deluser", "delgroup",
        // Ubuntu tools (see the apt/dpkg/systemd block of the script)
        "apt-get", "apt", "dpkg-query", "systemctl", "debootstrap",
        // busybox's install, absent from Debian's static busybox (see the install block of the script)
        "install",
        // the sample VM's image download (see the wget, qemu-img block of the script)
        "wget",
        // horizon's health check asks the dashboard's login page through the VIP (canned status)
        "curl",
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
        // downloads from the internet (the sample VM's image): the wget stand-in answers
        "wget",
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
        # --- lxc-attach: canned output of one container (output/lxc-attach@<container>) ----------
        if [ "$name" = lxc-attach ] && [ "$1" = -n ] && [ -f "/etc/osinstall-sim/output/lxc-attach@$2" ]; then
          cat "/etc/osinstall-sim/output/lxc-attach@$2"
        fi


        # --- rbd: a tiny shared Ceph for the container tests -----------------------------------
        # Images, snapshots, protection and parents per pool, kept in the run's hosts directory
        # (seen by every host through the peers mount) and refusing what Ceph refuses: removing an
        # image with snapshots, a protected snapshot, unprotecting a snapshot with clones, cloning
        # an unprotected snapshot. Queries answer --format json as rbd does.
        rbd_sim() {
          pool=rbd; size=; words=
          while [ $# -gt 0 ]; do
            case $1 in
              -p|--pool) pool=$2; shift ;;
              -s|--size) size=$2; shift ;;
              -c|-k|--id|--conf|--keyring|--format) shift ;;
              -*) ;;
              *) words="$words ${1#*/}" ;;
            esac
            shift
          done
          set -- $words
          r=$rbdroot/$pool
          mkdir -p "$r/images"
          tobytes() { n=${1%[MGTmgt]}; case $1 in *[Gg]) echo $((n * 1073741824)) ;; *[Tt]) echo $((n * 1099511627776)) ;; *) echo $((n * 1048576)) ;; esac; }
          children() {
            first=1; printf '['
            for d in "$r/images"/*; do
              [ -f "$d/parent" ] && [ "$(cat "$d/parent")" = "$1" ] || continue
              [ $first = 1 ] || printf ','; first=0
              printf '{"pool":"%s","pool_namespace":"","image":"%s"}' "$pool" "${d##*/}"
            done
            printf ']\n'
          }
          i=$r/images/$2
          case $1 in
            ls)
              first=1; printf '['
              for d in "$r/images"/*; do [ -d "$d" ] || continue; [ $first = 1 ] || printf ','; first=0; printf '"%s"' "${d##*/}"; done
              printf ']\n' ;;
            create)
              [ -d "$i" ] && { echo "rbd: create error: (17) File exists" >&2; return 17; }
              mkdir -p "$i/snaps"; tobytes "${size:-1024}" > "$i/size" ;;
            info)
              [ -d "$i" ] || { echo "rbd: error opening image $2: (2) No such file or directory" >&2; return 2; }
              printf '{"name":"%s","size":%s' "$2" "$(cat "$i/size")"
              if [ -f "$i/parent" ]; then p=$(cat "$i/parent"); printf ',"parent":{"pool":"%s","image":"%s","snapshot":"%s"}' "$pool" "${p%@*}" "${p#*@}"; fi
              printf '}\n' ;;
            resize)
              [ -d "$i" ] || return 2
              new=$(tobytes "$size")
              [ "$new" -lt "$(cat "$i/size")" ] && { echo "rbd: shrinking an image is only allowed with --allow-shrink" >&2; return 22; }
              echo "$new" > "$i/size" ;;
            rm)
              [ -d "$i" ] || { echo "rbd: image $2 does not exist" >&2; return 2; }
              [ -n "$(ls "$i/snaps")" ] && { echo "rbd: image has snapshots - not removing" >&2; return 39; }
              rm -rf "$i" ;;
            clone)
              img=${2%@*}; s=$r/images/$img/snaps/${2#*@}
              [ -f "$s/protected" ] || { echo "rbd: parent snapshot must be protected" >&2; return 22; }
              j=$r/images/$3
              [ -d "$j" ] && { echo "rbd: clone error: (17) File exists" >&2; return 17; }
              mkdir -p "$j/snaps"; cp "$r/images/$img/size" "$j/size"; echo "$2" > "$j/parent" ;;
            flatten)
              [ -d "$i" ] || return 2
              rm -f "$i/parent" ;;
            children) children "$2" ;;
            snap)
              spec=$3; i=$r/images/${spec%@*}; s=$i/snaps/${spec#*@}
              case $2 in
                ls)
                  i=$r/images/$3; [ -d "$i" ] || { echo "rbd: error opening image $3" >&2; return 2; }
                  first=1; n=0; printf '['
                  for d in "$i/snaps"/*; do
                    [ -d "$d" ] || continue; [ $first = 1 ] || printf ','; first=0; n=$((n + 1))
                    prot=false; [ -f "$d/protected" ] && prot=true
                    printf '{"id":%s,"name":"%s","size":%s,"protected":"%s"}' "$n" "${d##*/}" "$(cat "$i/size")" "$prot"
                  done
                  printf ']\n' ;;
                create)
                  [ -d "$i" ] || return 2
                  [ -d "$s" ] && { echo "rbd: failed to create snapshot: (17) File exists" >&2; return 17; }
                  mkdir -p "$s" ;;
                protect)
                  [ -d "$s" ] || return 2
                  [ -f "$s/protected" ] && { echo "rbd: protecting snap failed: (16) Device or resource busy" >&2; return 16; }
                  : > "$s/protected" ;;
                unprotect)
                  [ -f "$s/protected" ] || { echo "rbd: snap is already unprotected" >&2; return 22; }
                  [ "$(children "$spec")" = "[]" ] || { echo "rbd: unprotecting snap failed: (16) Device or resource busy" >&2; return 16; }
                  rm -f "$s/protected" ;;
                rm)
                  [ -d "$s" ] || return 2
                  [ -f "$s/protected" ] && { echo "rbd: snapshot is protected" >&2; return 16; }
                  rm -rf "$s" ;;
              esac ;;
            device)
              case $2 in
                map) mkdir -p "/dev/rbd/$pool"; : > "/dev/rbd/$pool/$3"; echo /dev/rbd0 ;;
                unmap) rm -f "/dev/rbd/$pool/$3" ;;
              esac ;;
          esac
        }
        # --- end rbd ------------------------------------------------------------------------------

        # --- ovn-nbctl: the internal switch's ports, for container sets ---------------------------
        # Only when the test gave no canned output. A port added with addresses "dynamic" gets the
        # next address of the internal network (as ovn-northd would); find/list answer csv as
        # --format=csv --data=bare --no-headings does; lsp-del removes. HA chassis groups are kept by
        # name (the ovn component's topology looks its group up after creating it).
        nbctl_sim() {
          d=$state/ovn/ports; mkdir -p "$d"
          cols=; words=
          for a in "$@"; do
            case $a in
              --columns=*) cols=${a#--columns=} ;;
              --*=*|--may-exist|--if-exists|--no-headings) ;;
              *) words="$words
        $a" ;;
            esac
          done
          # One args file per call: container set members ask for each other's addresses in parallel.
          args=$state/ovn/args.$$
          printf '%s\n' "$words" | sed '1d' > "$args"
          cmd=; port=
          while IFS= read -r w; do
            if [ "$w" = -- ]; then cmd=; continue; fi
            if [ -z "$cmd" ]; then cmd=$w; n=0; continue; fi
            n=$((n + 1))
            case $cmd in
              lsp-add) [ $n = 2 ] && port=$w && [ ! -f "$d/$port" ] && : > "$d/$port" ;;
              lsp-set-addresses)
                if [ $n = 2 ] && [ "$w" = dynamic ] && [ ! -s "$d/$port" ]; then
                  c=$(cat "$state/ovn/next" 2>/dev/null || echo 10); echo $((c + 1)) > "$state/ovn/next"
                  printf '2e:75:06:00:00:%02x 10.0.0.%s\n' "$c" "$c" > "$d/$port"
                fi ;;
              lsp-del) rm -f "$d/$w" ;;
              ha-chassis-group-add) [ $n = 1 ] && mkdir -p "$state/ovn/ha" && : > "$state/ovn/ha/$w" ;;
              ha-chassis-group-del) [ $n = 1 ] && rm -f "$state/ovn/ha/$w" ;;
              find|list)
                [ $n = 1 ] && table=$w
                [ $n = 2 ] && cond=$w ;;
              lsp-list) ;;
            esac
          done < "$args"
          verb=$(sed -n 1p "$args"); rm -f "$args"
          case $verb in
            find)
              case $table in
                dhcp_options) echo 5e0c0b6a-0000-4000-8000-000000000001 ;;
                ha_chassis_group) [ -f "$state/ovn/ha/${cond#name=}" ] && echo 6a1c0b6a-0000-4000-8000-000000000002 ;;
                logical_switch_port)
                  p=${cond#name=}
                  [ -f "$d/$p" ] || return 0
                  case $cols in
                    dynamic_addresses) printf '"%s"\n' "$(cat "$d/$p")" ;;
                    *) echo "00000000-0000-4000-8000-$(printf '%s' "$p" | md5sum | cut -c1-12)" ;;
                  esac ;;
              esac ;;
            lsp-list) for f in "$d"/*; do [ -f "$f" ] && echo "00000000-0000-4000-8000-000000000000 (${f##*/})"; done ;;
            list)
              for f in "$d"/*; do [ -f "$f" ] && printf '%s,,"%s"\n' "${f##*/}" "$(cat "$f")"; done ;;
          esac
          rm -f "$state/ovn/args.$$"
        }
        # --- end ovn-nbctl ------------------------------------------------------------------------

        # --- openstack canned answers (compute component): per subcommand -----------------------
        # /etc/osinstall-sim/openstack/<word1>-<word2>-<word3> (e.g. compute-service-list) is printed
        # when present, so a test can answer each lookup on its own.
        openstack_canned() {
          f="/etc/osinstall-sim/openstack/$1-$2-$3"
          if [ -f "$f" ]; then cat "$f"; fi
        }
        # --- end openstack canned ------------------------------------------------------------------------

        # --- accounts (compute component): Alpine's busybox adduser/addgroup/deluser/delgroup -----
        # Debian's static busybox has none of them; these edit the host's /etc/passwd and /etc/group
        # as Alpine's do, so that chown and id find the users afterwards.
        accounts_sim() {
          opt_group=; home=/; shell=/sbin/nologin; words=
          while [ $# -gt 0 ]; do
            case $1 in
              -G) opt_group=$2; shift ;;
              -h) home=$2; shift ;;
              -s) shell=$2; shift ;;
              -g) shift ;;
              -*) ;;
              *) words="$words $1" ;;
            esac
            shift
          done
          set -- $words
          nextid() { awk -F: -v m="$2" '$3 >= m { if ($3 >= m) m = $3 + 1 } END { print m }' "$1"; }
          case $name in
            addgroup)
              if [ $# -eq 2 ]; then
                grep -q "^$2:" /etc/group || { echo "addgroup: unknown group $2" >&2; return 1; }
                awk -F: -v OFS=: -v g="$2" -v u="$1" '$1 == g { n = split($4, m, ","); f = 0; for (i = 1; i <= n; i++) if (m[i] == u) f = 1; if (!f) $4 = ($4 == "" ? u : $4 "," u) } { print }' /etc/group > /etc/group.new && mv /etc/group.new /etc/group
              else
                grep -q "^$1:" /etc/group && { echo "addgroup: group '$1' in use" >&2; return 1; }
                echo "$1:x:$(nextid /etc/group 100):" >> /etc/group
              fi ;;
            adduser)
              grep -q "^$1:" /etc/passwd && { echo "adduser: user '$1' in use" >&2; return 1; }
              gid=$(awk -F: -v g="${opt_group:-$1}" '$1 == g { print $3 }' /etc/group)
              [ -n "$gid" ] || { gid=$(nextid /etc/group 100); echo "$1:x:$gid:" >> /etc/group; }
              echo "$1:x:$(nextid /etc/passwd 100):$gid:$1:$home:$shell" >> /etc/passwd ;;
            deluser) grep -v "^$1:" /etc/passwd > /etc/passwd.new; mv /etc/passwd.new /etc/passwd ;;
            delgroup) grep -v "^$1:" /etc/group > /etc/group.new; mv /etc/group.new /etc/group ;;
          esac
        }
        # --- end accounts -------------------------------------------------------------------------

        # --- openstack: a tiny keystone, for check-then-act --------------------------------------
        # Only when the test gave no canned output. Objects live in $state/openstack/<kind>/<name>:
        # "<kind> create ... NAME" (service: --name NAME) makes one and a second create of the same
        # name fails as keystone's 409 does; "<kind> show NAME" exits 1 with keystone's "No <kind>
        # with a name or ID of 'NAME' exists." until then; "list" prints the names; "delete" removes.
        # "role add|remove --project P --user U ROLE" keeps assignments that "role assignment list
        # --project P --user U --role R" prints; "endpoint create --region R SERVICE INTERFACE URL",
        # "endpoint list [--service S] [--interface I] [--region R] -c ID [-c URL]", "endpoint set
        # --url URL ID" and "endpoint delete ID" keep endpoints; "token issue" prints an expiry.
        openstack_sim() {
          db=$state/openstack
          kind=$1; verb=$2; shift 2
          if [ "$kind" = role ] && [ "$verb" = assignment ]; then kind=assignment; verb=$1; shift; fi
          o_project=; o_user=; o_role=; o_service=; o_interface=; o_region=; o_name=; o_url=; cols=; pos=
          while [ $# -gt 0 ]; do
            case $1 in
              --project) o_project=$2; shift ;;
              --user) o_user=$2; shift ;;
              --role) o_role=$2; shift ;;
              --service) o_service=$2; shift ;;
              --interface) o_interface=$2; shift ;;
              --region) o_region=$2; shift ;;
              --name) o_name=$2; shift ;;
              --url) o_url=$2; shift ;;
              -c|--column) cols="$cols $2"; shift ;;
              --names|--enable|--disable|--or-show) ;;
              --*|-f) shift ;;
              *) pos="$pos
        $1" ;;
            esac
            shift
          done
          old_ifs=$IFS; IFS='
        '; set -f; set -- $pos; set +f; IFS=$old_ifs
          mkdir -p "$db/$kind" "$db/assignment"
          case $kind.$verb in
            token.issue) echo "2099-01-01T00:00:00+0000" ;;
            assignment.list) [ ! -f "$db/assignment/$o_project,$o_user,$o_role" ] || echo "$o_role" ;;
            role.add) : > "$db/assignment/$o_project,$o_user,$1" ;;
            role.remove) rm -f "$db/assignment/$o_project,$o_user,$1" ;;
            endpoint.create)
              id=$(printf '%s' "$1 $2 $o_region" | md5sum | cut -c1-32)
              printf '%s %s %s %s\n' "$1" "$2" "$o_region" "$3" > "$db/endpoint/$id"; echo "id $id" ;;
            endpoint.list)
              for f in "$db/endpoint"/*; do
                [ -f "$f" ] || continue
                read -r e_service e_interface e_region e_url < "$f"
                [ -z "$o_service" ] || [ "$o_service" = "$e_service" ] || continue
                [ -z "$o_interface" ] || [ "$o_interface" = "$e_interface" ] || continue
                [ -z "$o_region" ] || [ "$o_region" = "$e_region" ] || continue
                case $cols in *URL*) echo "${f##*/} $e_url" ;; *) echo "${f##*/}" ;; esac
              done ;;
            endpoint.set)
              [ -f "$db/endpoint/$1" ] || { echo "No endpoint with a name or ID of '$1' exists." >&2; return 1; }
              read -r e_service e_interface e_region e_url < "$db/endpoint/$1"
              printf '%s %s %s %s\n' "$e_service" "$e_interface" "$e_region" "$o_url" > "$db/endpoint/$1" ;;
            *.create)
              n=${o_name:-$1}
              if [ -e "$db/$kind/$n" ]; then echo "Conflict occurred attempting to store $kind - Duplicate entry. (HTTP 409)" >&2; return 1; fi
              : > "$db/$kind/$n" ;;
            *.show)
              [ -e "$db/$kind/$1" ] || { echo "No $kind with a name or ID of '$1' exists." >&2; return 1; }
              echo "name $1" ;;
            *.delete)
              [ -e "$db/$kind/$1" ] || { echo "No $kind with a name or ID of '$1' exists." >&2; return 1; }
              rm -f "$db/$kind/$1" ;;
            *.list) ls "$db/$kind" ;;
          esac
        }
        # --- end openstack ------------------------------------------------------------------------
        # --- apt, dpkg-query, systemctl, debootstrap: the Ubuntu tools (galera's containers) --------
        # apt-get/apt install records packages and purge/remove forgets them; dpkg-query -s/-W answers
        # for the recorded ones (exit 1 otherwise, as dpkg-query does). systemctl enable/disable make and
        # remove the link systemd makes (multi-user.target.wants, below --root when given) and
        # is-enabled reads it; start/stop keep the active state; is-active exits 3 when inactive.
        # debootstrap leaves what a finished run leaves: the target's os-release and dpkg status.
        apt_sim() {
          pkgs=$state/dpkg-installed; touch "$pkgs"; action=
          while [ $# -gt 0 ]; do
            case $1 in
              -o|-t|-c) shift ;;
              -*) ;;
              *)
                if [ -z "$action" ]; then action=$1
                else
                  case $action in
                    install) grep -qxF -- "$1" "$pkgs" || echo "$1" >> "$pkgs" ;;
                    purge|remove) grep -vxF -- "$1" "$pkgs" > "$pkgs.new"; mv "$pkgs.new" "$pkgs" ;;
                  esac
                fi ;;
            esac
            shift
          done
        }
        dpkg_query_sim() {
          pkgs=$state/dpkg-installed; touch "$pkgs"; mode=; rc=0
          for a in "$@"; do
            case $a in
              -s|--status|-W|--show) mode=$a ;;
              -*) ;;
              *)
                if grep -qxF -- "$a" "$pkgs"; then
                  case $mode in -s|--status) printf 'Package: %s\nStatus: install ok installed\n' "$a" ;; *) printf '%s\t1.0\n' "$a" ;; esac
                else
                  echo "dpkg-query: package '$a' is not installed and no information is available" >&2; rc=1
                fi ;;
            esac
          done
          return $rc
        }
        systemctl_sim() {
          root=; quiet=; action=; rc=0
          for a in "$@"; do
            case $a in
              --root=*) root=${a#--root=} ;;
              -q|--quiet) quiet=1 ;;
              -*) ;;
              *)
                if [ -z "$action" ]; then action=$a; continue; fi
                u=${a%.service}; wants=$root/etc/systemd/system/multi-user.target.wants; active=$state/systemd-active
                mkdir -p "$wants" "$active"
                case $action in
                  enable) [ -L "$wants/$u.service" ] || ln -s "/lib/systemd/system/$u.service" "$wants/$u.service" ;;
                  disable) rm -f "$wants/$u.service" ;;
                  start|restart|reload|try-restart|reload-or-restart) : > "$active/$u" ;;
                  stop) rm -f "$active/$u" ;;
                  is-enabled)
                    if [ -L "$wants/$u.service" ]; then [ -n "$quiet" ] || echo enabled; else [ -n "$quiet" ] || echo disabled; rc=1; fi ;;
                  is-active)
                    if [ -f "$active/$u" ]; then [ -n "$quiet" ] || echo active; else [ -n "$quiet" ] || echo inactive; rc=3; fi ;;
                esac ;;
            esac
          done
          return $rc
        }
        debootstrap_sim() {
          suite=; target=
          for a in "$@"; do
            case $a in
              -*) ;;
              *) if [ -z "$suite" ]; then suite=$a; elif [ -z "$target" ]; then target=$a; fi ;;
            esac
          done
          [ -n "$target" ] || { echo "debootstrap: no target given" >&2; return 1; }
          mkdir -p "$target/etc" "$target/var/lib/dpkg"
          printf 'NAME="Ubuntu"\nVERSION_CODENAME=%s\n' "$suite" > "$target/etc/os-release"
          : > "$target/var/lib/dpkg/status"
        }
        # --- end apt, dpkg-query, systemctl, debootstrap -----------------------------------------

        # --- openstack: what a fresh placement and cinder answer (their health checks) -------------
        # "... resource class list" prints placement's standard classes, "volume service list" the
        # scheduler cinder runs; any other call returns 1 and goes on to openstack_sim.
        openstack_services_sim() {
          case " $* " in
            *" resource class list "*) printf '%s\n' VCPU MEMORY_MB DISK_GB PCI_DEVICE SRIOV_NET_VF ;;
            *" volume service list "*) echo cinder-scheduler ;;
            *) return 1 ;;
          esac
        }
        # --- end openstack services ---------------------------------------------------------------

        # --- openstack: the sample VM's objects (sample-vm component) --------------------------------
        # Images, flavors, volumes, networks, subnets, routers (external gateway, subnet interfaces),
        # security groups and their rules, keypairs, servers and floating IPs, kept in
        # $state/openstack-objects/<kind>/<name> (the create's arguments). create refuses a duplicate
        # name and a missing dependency (image --file not on disk, volume --image, subnet --network,
        # server --flavor/--key-name/--volume/--network/--security-group, router --external-gateway,
        # floating ip network); show exits 1 for a missing object and answers -c id, status,
        # external_gateway_info, port_id; delete refuses what is still in use (a subnet or router with
        # a router interface, a volume, network or security group of a server). "port list --router R
        # --fixed-ip subnet=S" answers the router's interface on S. Other calls return 125 (not ours).
        sample_objects_sim() {
          db=$state/openstack-objects
          case "$1 $2" in
            "security group")
              if [ "$3" = rule ]; then kind=sgrule; verb=$4; shift 4; else kind=secgroup; verb=$3; shift 3; fi ;;
            "floating ip") kind=fip; verb=$3; shift 3 ;;
            "router add"|"router remove") kind=router; verb=$2-$3; shift 3 ;;
            "server add") kind=server; verb=add-fip; shift 4 ;;
            "port list") kind=port; verb=list; shift 2 ;;
            image\ *|flavor\ *|volume\ *|network\ *|subnet\ *|router\ *|keypair\ *|server\ *) kind=$1; verb=$2; shift 2 ;;
            *) return 125 ;;
          esac
          case $verb in create|show|delete|list|set|add-subnet|remove-subnet|add-fip) ;; *) return 125 ;; esac
          args=" $* "
          o_image=; o_network=; o_flavor=; o_key=; o_volume=; o_sg=; o_file=; o_tag=; o_tags=; o_gw=; o_router=; o_fixed=; o_proto=; o_port=; o_dir=; cols=; pos=
          while [ $# -gt 0 ]; do
            case $1 in
              --image) o_image=$2; shift ;;
              --network) o_network=$2; shift ;;
              --flavor) o_flavor=$2; shift ;;
              --key-name) o_key=$2; shift ;;
              --volume) o_volume=$2; shift ;;
              --security-group) o_sg=$2; shift ;;
              --file) o_file=$2; shift ;;
              --tag) o_tag=$2; shift ;;
              --tags) o_tags=$2; shift ;;
              --external-gateway) o_gw=$2; shift ;;
              --router) o_router=$2; shift ;;
              --fixed-ip) o_fixed=$2; shift ;;
              --protocol) o_proto=$2; shift ;;
              --dst-port) o_port=$2; shift ;;
              --ingress|--egress) o_dir=${1#--} ;;
              -c|--column) cols="$cols|$2"; shift ;;
              -f|--format|--vcpus|--ram|--disk|--size|--subnet-range|--gateway|--dns-nameserver|--allocation-pool|\
              --provider-physical-network|--provider-network-type|--description|--public-key|--property|--disk-format|\
              --container-format|--project|--ethertype|--remote-group) shift ;;
              -*) ;;
              *) pos="$pos $1" ;;
            esac
            shift
          done
          set -- $pos
          eval "last=\${$#}"
          idof() { printf '%s/%s' "$1" "$2" | md5sum | cut -c1-32; }
          missing() { echo "No $1 found for $2" >&2; return 1; }
          need() { [ -e "$db/$1/$2" ] || missing "$1" "$2"; }
          used_by_server() { grep -l -e " $1 $2 " "$db/server"/* 2>/dev/null | head -n 1; }
          mkdir -p "$db/$kind"
          case $kind.$verb in
            fip.create)
              need network "$1" || return 1
              c=$(cat "$db/fip.next" 2>/dev/null || echo 10); echo $((c + 1)) > "$db/fip.next"
              a=198.51.100.$c
              printf '%s None\n' "${o_tag:--}" > "$db/fip/$a"
              case $cols in *floating_ip_address*) echo "$a" ;; *) echo "floating_ip_address $a" ;; esac ;;
            fip.list)
              for f in "$db/fip"/*; do
                [ -f "$f" ] || continue
                read -r tag port < "$f"
                [ -z "$o_tags" ] || [ "$o_tags" = "$tag" ] || continue
                case $cols in *Port*) echo "${f##*/} $port" ;; *) echo "${f##*/}" ;; esac
              done ;;
            fip.show)
              [ -f "$db/fip/$1" ] || missing "floating ip" "$1" || return 1
              read -r tag port < "$db/fip/$1"
              case $cols in *port_id*) echo "$port" ;; *) echo "floating_ip_address $1" ;; esac ;;
            fip.delete) [ -f "$db/fip/$1" ] || missing "floating ip" "$1" || return 1; rm -f "$db/fip/$1" ;;
            server.add-fip)
              need server "$1" || return 1
              [ -f "$db/fip/$2" ] || missing "floating ip" "$2" || return 1
              read -r tag port < "$db/fip/$2"
              [ "$port" = None ] || { echo "Floating IP $2 is already associated with port $port. (HTTP 409)" >&2; return 1; }
              printf '%s %s\n' "$tag" "$(idof server "$1")" > "$db/fip/$2" ;;
            sgrule.create)
              need secgroup "$1" || return 1
              mkdir -p "$db/sgrule/$1"; id=$(idof rule "$1 $o_dir $o_proto $o_port")
              [ ! -e "$db/sgrule/$1/$id" ] || { echo "Security group rule already exists. Rule id is $id. (HTTP 409)" >&2; return 1; }
              printf '%s %s %s\n' "$o_dir" "$o_proto" "$o_port" > "$db/sgrule/$1/$id"; echo "id $id" ;;
            sgrule.list)
              need secgroup "$1" || return 1
              for f in "$db/sgrule/$1"/*; do
                [ -f "$f" ] || continue
                read -r d p port < "$f"
                [ -z "$o_dir" ] || [ "$o_dir" = "$d" ] || continue
                [ -z "$o_proto" ] || [ "$o_proto" = "$p" ] || continue
                case $cols in *"Port Range"*) if [ -n "$port" ]; then echo "$port:$port"; else echo; fi ;; *) echo "${f##*/}" ;; esac
              done ;;
            secgroup.delete)
              need secgroup "$1" || return 1
              [ -z "$(used_by_server --security-group "$1")" ] || { echo "Security Group $1 in use. (HTTP 409)" >&2; return 1; }
              rm -rf "$db/secgroup/$1" "$db/sgrule/$1" ;;
            router.set)
              need router "$1" || return 1
              [ -z "$o_gw" ] || { need network "$o_gw" || return 1; mkdir -p "$db/router-gw"; echo "$o_gw" > "$db/router-gw/$1"; } ;;
            router.add-subnet)
              need router "$1" || return 1; need subnet "$2" || return 1
              [ ! -e "$db/router-if/$1/$2" ] || { echo "Router already has a port on subnet $2. (HTTP 400)" >&2; return 1; }
              mkdir -p "$db/router-if/$1"; : > "$db/router-if/$1/$2" ;;
            router.remove-subnet)
              [ -e "$db/router-if/$1/$2" ] || { echo "Router $1 has no interface on subnet $2. (HTTP 404)" >&2; return 1; }
              rm -f "$db/router-if/$1/$2" ;;
            router.delete)
              need router "$1" || return 1
              [ -z "$(ls "$db/router-if/$1" 2>/dev/null)" ] || { echo "Router $1 still has ports. (HTTP 409)" >&2; return 1; }
              rm -rf "$db/router/$1" "$db/router-gw/$1" "$db/router-if/$1" ;;
            port.list)
              [ -n "$o_router" ] && [ -e "$db/router-if/$o_router/${o_fixed#subnet=}" ] && idof port "$o_router/${o_fixed#subnet=}"
              return 0 ;;
            subnet.delete)
              need subnet "$1" || return 1
              [ -z "$(ls "$db/router-if"/*/"$1" 2>/dev/null)" ] || { echo "Unable to complete operation on subnet $1: one or more ports have an IP allocation from this subnet. (HTTP 409)" >&2; return 1; }
              rm -f "$db/subnet/$1" ;;
            network.delete|volume.delete)
              need "$kind" "$1" || return 1
              [ -z "$(used_by_server "--$kind" "$1")" ] || { echo "$kind $1 is in use by a server. (HTTP 409)" >&2; return 1; }
              rm -f "$db/$kind/$1" ;;
            server.delete)
              need server "$1" || return 1
              sid=$(idof server "$1")
              for f in "$db/fip"/*; do
                [ -f "$f" ] || continue
                read -r tag port < "$f"
                [ "$port" != "$sid" ] || printf '%s None\n' "$tag" > "$f"
              done
              rm -f "$db/server/$1" ;;
            *.create)
              [ ! -e "$db/$kind/$last" ] || { echo "Conflict: a $kind named $last exists already (osinstall-sim refuses duplicate names). (HTTP 409)" >&2; return 1; }
              case $kind in
                image) [ -s "$o_file" ] || { echo "[Errno 2] No such file or directory: '$o_file'" >&2; return 1; } ;;
                volume) need image "$o_image" || return 1 ;;
                subnet) need network "$o_network" || return 1 ;;
                server)
                  need flavor "$o_flavor" && need keypair "$o_key" && need volume "$o_volume" && need network "$o_network" && need secgroup "$o_sg" || return 1 ;;
              esac
              printf '%s\n' "$args" > "$db/$kind/$last"; echo "id $(idof "$kind" "$last")" ;;
            *.show)
              need "$kind" "$1" || return 1
              case $cols in
                *"|id"*) idof "$kind" "$1" ;;
                *status*)
                  case $kind in
                    server) echo ACTIVE ;;
                    volume) if [ -n "$(used_by_server --volume "$1")" ]; then echo in-use; else echo available; fi ;;
                    *) echo active ;;
                  esac ;;
                *external_gateway_info*)
                  if [ -f "$db/router-gw/$1" ]; then printf '{"network_id": "%s", "enable_snat": true}\n' "$(idof network "$(cat "$db/router-gw/$1")")"; else echo None; fi ;;
                *) echo "name $1" ;;
              esac ;;
            *.delete) need "$kind" "$1" || return 1; rm -f "$db/$kind/$1" ;;
            *.list) ls "$db/$kind" ;;
          esac
        }
        # --- end openstack sample VM ------------------------------------------------------------------

        # --- wget, qemu-img (sample-vm component): the image download and its conversion -------------
        # "wget ... -O FILE URL" writes a small file naming the URL (nothing leaves the machine);
        # "qemu-img convert [-f F] [-O F] SRC DST" copies SRC to DST and fails as qemu-img does when SRC
        # is missing. Anything else is only recorded.
        wget_sim() {
          w_out=; w_url=
          while [ $# -gt 0 ]; do case $1 in -O) w_out=$2; shift ;; -*) ;; *) w_url=$1 ;; esac; shift; done
          if [ -z "$w_out" ] || [ "$w_out" = - ]; then echo "osinstall-sim download of $w_url"; else printf 'osinstall-sim download of %s\n' "$w_url" > "$w_out"; fi
        }
        qemu_img_sim() {
          [ "$1" = convert ] || return 0
          shift; q_words=
          while [ $# -gt 0 ]; do case $1 in -f|-O|-o) shift ;; -*) ;; *) q_words="$q_words $1" ;; esac; shift; done
          set -- $q_words
          [ -f "$1" ] || { echo "qemu-img: Could not open '$1': No such file or directory" >&2; return 1; }
          cp "$1" "$2"
        }
        # --- end wget, qemu-img -------------------------------------------------------------------------

        # --- install: Alpine's busybox has it, Debian's static busybox does not ---------------------
        # "install -d [-m MODE] [-o U] [-g G] DIR..." makes the directories (mode applied, owner
        # ignored); copying files is only recorded.
        install_sim() {
          i_dir=; i_mode=; i_args=
          while [ $# -gt 0 ]; do
            case $1 in
              -d) i_dir=1 ;;
              -m) i_mode=$2; shift ;;
              -o|-g) shift ;;
              -*) ;;
              *) i_args="$i_args
        $1" ;;
            esac
            shift
          done
          [ -n "$i_dir" ] || return 0
          old_ifs=$IFS; IFS='
        '; set -f; set -- $i_args; set +f; IFS=$old_ifs
          for i_path in "$@"; do
            mkdir -p "$i_path" || return 1
            [ -z "$i_mode" ] || chmod "$i_mode" "$i_path" || return 1
          done
        }
        # --- end install --------------------------------------------------------------------------

        case $name in
          adduser|addgroup|deluser|delgroup) accounts_sim "$@" || exit 1 ;;
          rc-service|service)
            # OpenRC's own checks: with --ifstarted / --ifnotstarted the action runs only in that state.
            only=
            while :; do case $1 in -s|--ifstarted) only=started; shift ;; -N|--ifnotstarted) only=stopped; shift ;; *) break ;; esac; done
            svc=$1; action=$2
            if [ -f "$state/services/$svc" ]; then now=started; else now=stopped; fi
            [ -z "$only" ] || [ "$only" = "$now" ] || exit 0
            case $action in
              start|restart|reload) : > "$state/services/$svc" ;;
              stop) rm -f "$state/services/$svc" ;;
              status)
                if [ -f "$state/services/$svc" ]; then echo " * status: started"; else echo " * status: stopped"; exit 3; fi ;;
            esac ;;
          rc-update)
            # A service is in a runlevel when /etc/runlevels/<runlevel>/<service> is a link, as on OpenRC.
            rl=${3:-default}; link=/etc/runlevels/$rl/$2
            case ${1:-show} in
              add)
                if [ -L "$link" ]; then echo " * rc-update: $2 already installed in runlevel \`$rl'; skipping"
                else mkdir -p "/etc/runlevels/$rl" && ln -s "/etc/init.d/$2" "$link" && echo " * service $2 added to runlevel $rl"; fi ;;
              del|delete)
                if [ -L "$link" ]; then rm -f "$link"; echo " * service $2 removed from runlevel $rl"
                else echo " * rc-update: service \`$2' is not in the runlevel \`$rl'" >&2; exit 1; fi ;;
              show)
                for l in /etc/runlevels/*/*; do
                  [ -L "$l" ] || continue
                  r=${l%/*}; r=${r##*/}
                  [ -z "$2" ] || [ "$2" = "$r" ] || continue
                  printf '%s %s\n' "${l##*/}" "$r"
                done | sort | awk '$1 != s { if (s != "") print " " s " | " rls; s = $1; rls = $2; next } { rls = rls " " $2 } END { if (s != "") print " " s " | " rls }' ;;
            esac ;;
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
          lxc-start) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; { [ -f "$state/containers/$n" ] || [ -f "/var/lib/lxc/$n/config" ]; } && echo RUNNING > "$state/containers/$n" ;;
          lxc-stop) n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done; [ -f "$state/containers/$n" ] && echo STOPPED > "$state/containers/$n" ;;
          lxc-info)
            n=; while [ $# -gt 0 ]; do [ "$1" = -n ] && n=$2; shift; done
            [ -f "$state/containers/$n" ] || [ -f "/var/lib/lxc/$n/config" ] || { echo "$n doesn't exist" >&2; exit 1; }
            [ -f "$state/containers/$n" ] || echo STOPPED > "$state/containers/$n"
            echo "Name:           $n"; echo "State:          $(cat "$state/containers/$n")" ;;
          lxc-ls) ls "$state/containers" ;;
          rbd)
            rbdroot=$state/rbd
            [ -n "$(ls /var/lib/osinstall-sim/peers 2>/dev/null)" ] && rbdroot=/var/lib/osinstall-sim/peers/.rbd
            mkdir -p "$rbdroot"; tries=0
            while ! mkdir "$rbdroot/.lock" 2>/dev/null && [ "$tries" -lt 6000 ]; do usleep 1000; tries=$((tries + 1)); done
            rbd_sim "$@"; rc=$?
            rmdir "$rbdroot/.lock" 2>/dev/null
            exit $rc ;;
          python3) [ "$1" = --version ] && echo "Python 3.12.9" ;;
          git)
            # clone leaves a work tree whose build scripts succeed without doing anything.
            if [ "$1" = clone ]; then
              eval "d=\${$#}"; mkdir -p "$d/.git"
              for f in boot.sh configure; do printf '#!/bin/sh\nexit 0\n' > "$d/$f"; chmod +x "$d/$f"; done
            fi ;;
          ovn-nbctl)
            # One call at a time: container clones attach in parallel, and nbctl_sim keeps its state in shared files.
            [ -f "/etc/osinstall-sim/output/ovn-nbctl" ] && exit 0
            mkdir -p "$state"; tries=0
            while ! mkdir "$state/ovn.lock" 2>/dev/null && [ "$tries" -lt 6000 ]; do usleep 1000; tries=$((tries + 1)); done
            nbctl_sim "$@"; rc=$?
            rmdir "$state/ovn.lock" 2>/dev/null
            exit $rc ;;
          openstack)
            # A canned answer for the whole command, else one for this subcommand, else the tiny keystone.
            [ -f "/etc/osinstall-sim/output/openstack" ] && exit 0
            if [ -f "/etc/osinstall-sim/openstack/$1-$2-$3" ]; then openstack_canned "$@"; exit 0; fi
            openstack_services_sim "$@" || {
              sample_objects_sim "$@"; rc=$?; [ "$rc" = 125 ] || exit "$rc"
              openstack_sim "$@" || exit $?; } ;;
          wget) wget_sim "$@" ;;
          qemu-img) qemu_img_sim "$@" || exit 1 ;;
          apt-get|apt) apt_sim "$@" ;;
          dpkg-query) dpkg_query_sim "$@"; exit $? ;;
          systemctl) systemctl_sim "$@"; exit $? ;;
          debootstrap) debootstrap_sim "$@"; exit $? ;;
          install) install_sim "$@" || exit 1 ;;
          ovsdb-tool) case $1 in create|create-cluster|join-cluster) : > "$2" ;; esac ;;
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
