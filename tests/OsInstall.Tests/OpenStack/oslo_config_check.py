#!/usr/bin/python3
"""Checks a rendered OpenStack config file against the service's own option definitions.

Run with Debian's /usr/bin/python3 (python3-oslo.config and the service's python3-<service>):

    oslo_config_check.py --service keystone --file keystone.conf

Two checks, both against the definitions the service registers under the "oslo.config.opts"
entry points (the namespaces listed for it in oslo_services.json):

(a) oslo-config-validator --namespace ... --input-file FILE --fatal-warnings: every option of the
    file must be a known (and not deprecated) option of its section.
(b) the same definitions registered in an oslo.config ConfigOpts, the file parsed by it, and EVERY
    option of the file read back through it: a value of the wrong type, outside an option's choices
    or range, or naming no driver of the option's entry-point namespace fails.

Debian packages the Zed release. An option added by a newer release is excused only when
oslo_allow_list.txt lists it (service, section/option and the release that added it); nothing else
is excused. Sections with names of our own (cinder's [ceph] backend, glance's stores) get the
options of the definition group oslo_services.json aliases them to.

Prints one line per finding and exits 0 when there is none, 1 otherwise, 2 on bad usage.

--dump-values FILE writes what the service would read, as JSON: {"section/option": {"value": ...}}
for every option of the file (after oslo.config's $-substitution and type conversion), plus for a
URL option the passwords its real consumer decodes from it ("url_passwords": oslo.messaging's
TransportURL.parse for rabbit://, SQLAlchemy's make_url for a database URL, urllib otherwise).
Tests compare those with the secrets the file was rendered from.
"""

import argparse
import copy
import importlib.metadata
import json
import os
import re
import subprocess
import sys

from oslo_config import cfg
from oslo_config import generator

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATOR_FINDING = re.compile(
    r"^(?:ERROR|WARNING):[^:]*:(?:(?P<unknown>\S+?)/(?P<uopt>\S+) is not part of the sample config"
    r"|Deprecated opt (?P<deprecated>\S+?)/(?P<dopt>\S+) found)")


def load_service(data_path, service):
    with open(data_path) as f:
        services = json.load(f)
    if service not in services:
        raise SystemExit("unknown service %r; %s knows: %s" % (service, data_path, ", ".join(sorted(services))))
    return services[service]


def load_allow_list(path, service):
    """{(section, option): release} of the service's excused options."""
    allowed = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 3 or "/" not in parts[1]:
                raise SystemExit("%s:%d: expected '<service> <section>/<option> <release>'" % (path, number))
            if parts[0] == service:
                section, option = parts[1].split("/", 1)
                allowed[(section, option.replace("-", "_"))] = parts[2]
    return allowed


def group_name(group):
    name = getattr(group, "name", group)
    return name or "DEFAULT"


def definitions(namespaces):
    """[(group name, group object or None, [opts])] of the namespaces, as the config generator lists them."""
    listed = []
    for _namespace, groups in generator._list_opts(namespaces):
        for group, opts in groups:
            listed.append((group_name(group), group, list(opts)))
    return listed


def register(conf, name, group, opts):
    for opt in opts:
        try:
            if name == "DEFAULT":
                conf.register_opt(opt)
            else:
                conf.register_opt(opt, group=group if isinstance(group, cfg.OptGroup) and group.name == name else name)
        except cfg.DuplicateOptError:
            pass  # the same option listed by two namespaces with a different definition: the first one counts


def plugin_opts_as_loaded(sections, name, opts, plugin_groups):
    """A group that lists keystoneauth's auth_type (nova's [cinder], [ironic], ...) also lists the
    password plugin's options, auth-url required; keystoneauth registers a plugin's options only
    once the section names its auth_type. Without one in the file they are optional, as at run time.
    The same holds for a declared auth plugin group (cinder's [service_user]) the file leaves out."""
    absent_plugin_group = name in plugin_groups and name not in sections
    if not absent_plugin_group and ("auth_type" not in {o.dest for o in opts} or sections.get(name, {}).get("auth_type")):
        return opts
    relaxed = []
    for opt in opts:
        if opt.required:
            opt = copy.copy(opt)
            opt.required = False
        relaxed.append(opt)
    return relaxed


def build_conf(service, sections):
    conf = cfg.ConfigOpts()
    listed = definitions(service["namespaces"])
    for name, group, opts in listed:
        register(conf, name, group, plugin_opts_as_loaded(sections, name, opts, set(service.get("auth_plugin_groups", []))))
    for alias, target in service.get("group_aliases", {}).items():
        if alias in sections:
            opts = [o for n, _g, os_ in definitions([target["namespace"]]) if n == target["group"] for o in os_]
            if not opts:
                raise SystemExit("group alias [%s]: namespace %s has no group %s" % (alias, target["namespace"], target["group"]))
            register(conf, alias, None, opts)
    for group in service.get("auth_plugin_groups", []):
        if group in sections:
            from keystoneauth1 import loading
            auth_type = sections[group].get("auth_type", [None])[-1]
            register(conf, group, None, loading.get_auth_common_conf_options())
            if auth_type:
                register(conf, group, None, loading.get_auth_plugin_conf_options(auth_type))
    return conf


def read_sections(path):
    sections = {}
    cfg.ConfigParser(path, sections).parse()
    return sections


def run_validator(service, path):
    """The findings of oslo-config-validator as (kind, section, option) and its exit code."""
    args = [sys.executable, "-c", "import sys; from oslo_config.validator import main; sys.exit(main())",
            "--input-file", path, "--fatal-warnings"]
    for namespace in service["namespaces"]:
        args += ["--namespace", namespace]
    # Aliased and plugin sections are checked by (b) with the definitions the validator cannot know.
    for group in list(service.get("group_aliases", {})) + service.get("auth_plugin_groups", []):
        args += ["--exclude-group", group]
    result = subprocess.run(args, capture_output=True, text=True)
    findings = []
    for line in (result.stderr + result.stdout).splitlines():
        m = VALIDATOR_FINDING.match(line)
        if m and m.group("unknown"):
            findings.append(("unknown", m.group("unknown"), m.group("uopt").replace("-", "_")))
        elif m:
            findings.append(("deprecated", m.group("deprecated"), m.group("dopt").replace("-", "_")))
    return findings, result.returncode, result.stderr


def entry_point_names(namespace):
    eps = importlib.metadata.entry_points()
    selected = eps.select(group=namespace) if hasattr(eps, "select") else eps.get(namespace, [])
    return {ep.name for ep in selected}


def plain(value):
    """A JSON-friendly form of an option value: strings, numbers, lists and maps as they are, anything else as str()."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def url_passwords(value):
    """The passwords the option's consumer decodes from a URL value, or None when it is not a URL."""
    if not isinstance(value, str) or "://" not in value:
        return None
    scheme = value.split("://", 1)[0]
    if scheme.startswith("rabbit"):
        from oslo_messaging import transport
        return [h.password for h in transport.TransportURL.parse(cfg.ConfigOpts(), value).hosts]
    if scheme.split("+", 1)[0] in ("postgresql", "mysql", "sqlite"):
        from sqlalchemy.engine import url as sa_url
        return [sa_url.make_url(value).password]
    from urllib import parse
    password = parse.urlsplit(value).password
    return [parse.unquote(password) if password is not None else None]


def check(service_name, path, data_path, allow_path, values=None):
    """The problems and notes; when values is a dict, every option read back is put in it (see --dump-values)."""
    service = load_service(data_path, service_name)
    allowed = load_allow_list(allow_path, service_name)
    problems, notes = [], []
    sections = read_sections(path)

    # (a) unknown and deprecated options, as the validator sees them
    findings, code, stderr = run_validator(service, path)
    for kind, section, option in findings:
        if (section, option) in allowed:
            notes.append("EXCUSED %s/%s (added in %s)" % (section, option, allowed[(section, option)]))
        else:
            problems.append("%s %s/%s (oslo-config-validator)" % (kind.upper(), section, option))
    if code != 0 and not findings:
        problems.append("VALIDATOR exit %d: %s" % (code, stderr.strip()[-2000:]))

    # (b) every option read back through the definitions
    conf = build_conf(service, sections)
    try:
        conf(args=[], default_config_files=[path])
    except (cfg.Error, ValueError) as e:
        problems.append("LOAD %s" % e)
        return problems, notes
    entry_points = service.get("entry_point_options", {})
    for section, options in sections.items():
        for option in options:
            dest = option.replace("-", "_")
            if (section, dest) in allowed:
                continue
            try:
                value = getattr(conf, dest) if section == "DEFAULT" else getattr(getattr(conf, section), dest)
            except cfg.NoSuchOptError as e:
                if e.opt_name != dest:
                    # oslo.config substitutes $name and ${name} with other options; a literal '$' must be escaped.
                    problems.append("INVALID %s/%s: its value refers to $%s, which is no option (a literal '$' is written '$$')" % (
                        section, option, e.opt_name))
                else:
                    problems.append("UNKNOWN %s/%s (not defined by %s)" % (section, option, ", ".join(service["namespaces"])))
                continue
            except (cfg.NoSuchGroupError, AttributeError):
                problems.append("UNKNOWN %s/%s (not defined by %s)" % (section, option, ", ".join(service["namespaces"])))
                continue
            except (cfg.ConfigFileValueError, ValueError) as e:
                problems.append("INVALID %s/%s = %s: %s" % (section, option, options[option][-1], e))
                continue
            if values is not None:
                read = {"value": plain(value)}
                try:
                    passwords = url_passwords(value)
                except Exception as e:  # a URL its consumer cannot parse is a finding, not a crash
                    problems.append("INVALID %s/%s: its URL does not parse: %s" % (section, option, e))
                    passwords = None
                if passwords is not None:
                    read["url_passwords"] = passwords
                values["%s/%s" % (section, option)] = read
            namespace = entry_points.get("%s/%s" % (section, dest))
            if namespace is not None and value not in entry_point_names(namespace):
                problems.append("INVALID %s/%s = %s: no such driver in %s (%s)" % (
                    section, option, value, namespace, ", ".join(sorted(entry_point_names(namespace)))))
    return problems, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--data", default=os.path.join(HERE, "oslo_services.json"))
    parser.add_argument("--allow-list", default=os.path.join(HERE, "oslo_allow_list.txt"))
    parser.add_argument("--dump-values", help="write every option read back, as JSON, to this file")
    args = parser.parse_args()
    values = {} if args.dump_values else None
    problems, notes = check(args.service, args.file, args.data, args.allow_list, values)
    if args.dump_values:
        with open(args.dump_values, "w") as f:
            json.dump(values, f, ensure_ascii=False, indent=1, sort_keys=True)
    for line in notes + problems:
        print(line)
    print("%s: %d problem(s)" % (args.file, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
