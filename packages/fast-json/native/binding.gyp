# node-gyp's build of member_parser.node (scripts/build-native.mjs runs it): the addon and the
# simdjson library it parses with (relative paths: gyp builds object paths from them), both
# compiled here, -O3, with C++ exceptions off. simdjson is Apache-2.0 (simdjson-LICENSE, which goes
# wherever member_parser.node goes).
{
  "targets": [
    {
      "target_name": "member_parser",
      "sources": ["member-parser.cc", "<!(node -p \"require('path').relative('.', require.resolve('@nozbe/simdjson/src/simdjson.cpp'))\")"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node -p \"require('path').dirname(require.resolve('@nozbe/simdjson/src/simdjson.h'))\")"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "SIMDJSON_EXCEPTIONS=0"],
      "cflags_cc": ["-O3", "-std=c++17"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] },
      "msvs_settings": { "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17", "/O2"] } }
    }
  ]
}
