#!/usr/bin/env bash
# The plugin host: a good plugin loads and adds its command; a plugin built
# for another ABI, a world-writable file or directory, and a file that is not
# a plugin are refused with a reason, and arctl keeps working.
source "$(dirname "$0")/lib.sh"

L="$tmp/ledger"
new_ledger "$L"

# plugin_field JSON FILE FIELD: FIELD of the plugin-list record for FILE.
plugin_field() {
  json "[r[\"$3\"] for r in d if r[\"file\"] == \"$2\"]" <<<"$1"
}

# expect_world_writable_refused DIR: the plugin list with DIR shows its
# testgood.so refused as world-writable.
expect_world_writable_refused() {
  expect_exit 0 arctl -C "$L" --plugin-dir "$1" --format json plugin list
  expect_eq '["refused"]' "$(plugin_field "$out" "$1/testgood.so" status)" "status"
  expect_contains "$(plugin_field "$out" "$1/testgood.so" reason)" "world-writable" "reason"
}

P="$tmp/plugins"
plugin_dir "$P" testgood bad_abi

case_ "plugin list shows the good plugin loaded and the bad ABI refused"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" --format json plugin list
list=$out
expect_eq '["testgood"]' "$(plugin_field "$list" "$P/testgood.so" name)" "good plugin name"
expect_eq '["loaded"]' "$(plugin_field "$list" "$P/testgood.so" status)" "good plugin status"
expect_eq '["0.0.1"]' "$(plugin_field "$list" "$P/testgood.so" version)" "good plugin version"
expect_eq '["bad_abi"]' "$(plugin_field "$list" "$P/bad_abi.so" name)" \
  "the refused plugin is named after its file (its factory never ran)"
expect_eq '["refused"]' "$(plugin_field "$list" "$P/bad_abi.so" status)" "bad plugin status"
expect_contains "$(plugin_field "$list" "$P/bad_abi.so" reason)" "ABI" "refusal reason"
expect_eq 1 "$(json 'sum(r["name"] == "testgood" for r in d)' <<<"$list")" \
  "records named testgood"

case_ "the good plugin's command runs"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" testgood
expect_eq "testgood ok" "$out" "stdout"

case_ "plugin info names the plugin's commands"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" --format json plugin info testgood
expect_eq '["loaded", ["testgood", "testgood-probe"]]' "$(json '[d["status"], d["commands"]]' <<<"$out")" \
  "status and commands"
expect_eq "$P" "$(json 'd["search_path"][0]' <<<"$out")" "--plugin-dir comes first"
expect_exit 3 arctl -C "$L" --plugin-dir "$P" plugin info nosuchplugin

case_ "help lists the plugin's command"
expect_exit 0 arctl -C "$L" --plugin-dir "$P" help
expect_contains "$out" "testgood" "help"

case_ "without the plugin directory the command does not exist"
expect_exit 2 arctl -C "$L" testgood

case_ "ARCTL_PLUGIN_PATH is searched"
expect_exit 0 env ARCTL_PLUGIN_PATH="$tmp/nonexistent:$P" "$ARCTL_BIN" -C "$L" testgood
expect_eq "testgood ok" "$out" "stdout"

case_ "the ledger's plugins/ directory is searched"
L2="$tmp/ledger2"
new_ledger "$L2"
plugin_dir "$L2/plugins" testgood
expect_exit 0 arctl -C "$L2" testgood
expect_eq "testgood ok" "$out" "stdout"

case_ "a plugin of the same name later in the path is shadowed"
P2="$tmp/plugins2"
plugin_dir "$P2" testgood
expect_exit 0 arctl -C "$L" --plugin-dir "$P" --plugin-dir "$P2" --format json plugin list
expect_eq '["loaded"]' "$(plugin_field "$out" "$P/testgood.so" status)" "first copy"
expect_eq '["shadowed"]' "$(plugin_field "$out" "$P2/testgood.so" status)" "second copy"

case_ "a world-writable plugin file is refused and arctl keeps working"
W="$tmp/world-file"
plugin_dir "$W" testgood
chmod o+w "$W/testgood.so"
expect_world_writable_refused "$W"
expect_exit 2 arctl -C "$L" --plugin-dir "$W" testgood
expect_exit 0 arctl -C "$L" --plugin-dir "$W" customer list
expect_exit 0 arctl -C "$L" --plugin-dir "$W" check

case_ "a plugin in a world-writable directory is refused"
WD="$tmp/world-dir"
plugin_dir "$WD" testgood
chmod o+w "$WD"
expect_world_writable_refused "$WD"

case_ "a file that is not a shared library is refused and arctl keeps working"
G="$tmp/garbage"
plugin_dir "$G"
echo "not a library" >"$G/garbage.so"
expect_exit 0 arctl -C "$L" --plugin-dir "$G" --format json plugin list
expect_eq '["refused"]' "$(plugin_field "$out" "$G/garbage.so" status)" "status"
expect_exit 0 arctl -C "$L" --plugin-dir "$G" --format json customer list
expect_eq '[]' "$out" "customer list"
