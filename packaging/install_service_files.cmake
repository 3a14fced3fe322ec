# Runs at install time (cmake --install, and CPack, which installs with the prefix /usr into its
# staging folder through DESTDIR): puts the systemd units, /etc/default/villagecast and the
# sysusers.d and tmpfiles.d files where systemd looks for them under the prefix chosen then.
#
# The unit files in packaging/systemd name the Debian package's paths (/usr/bin/villagecast,
# /etc/default/villagecast, /usr/share/doc/villagecast); under another prefix those paths are
# rewritten to the installed ones, so that `cmake --install build --prefix /usr/local` gives
# units that start /usr/local/bin/villagecast.
#
# Set by cmake/Packaging.cmake before this script: VC_PACKAGING_SOURCE, VC_PACKAGING_STAGE,
# VC_BINDIR and VC_DOCDIR (GNUInstallDirs' relative BINDIR and DOCDIR).

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  # Debian 12 keeps packaged system units in /lib/systemd/system (debhelper's place), user units
  # in /usr/lib/systemd/user (the only user unit folder systemd searches), and /etc for /usr.
  set(vc_system_unitdir "/lib/systemd/system")
  set(vc_sysconfdir "/etc")
else()
  set(vc_system_unitdir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
  set(vc_sysconfdir "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(vc_user_unitdir "${CMAKE_INSTALL_PREFIX}/lib/systemd/user")
set(vc_libdir "${CMAKE_INSTALL_PREFIX}/lib")

foreach(vc_var VC_BINDIR VC_DOCDIR)
  if(NOT IS_ABSOLUTE "${${vc_var}}")
    set(${vc_var} "${CMAKE_INSTALL_PREFIX}/${${vc_var}}")
  endif()
endforeach()

# The units with this prefix's paths, written into the build folder, then installed from there.
file(MAKE_DIRECTORY "${VC_PACKAGING_STAGE}")
foreach(vc_unit villagecast.service villagecast-user.service)
  file(READ "${VC_PACKAGING_SOURCE}/systemd/${vc_unit}" vc_text)
  string(REPLACE "/usr/bin/villagecast" "${VC_BINDIR}/villagecast" vc_text "${vc_text}")
  string(REPLACE "/etc/default/villagecast" "${vc_sysconfdir}/default/villagecast" vc_text
                 "${vc_text}")
  string(REPLACE "/usr/share/doc/villagecast" "${VC_DOCDIR}" vc_text "${vc_text}")
  file(WRITE "${VC_PACKAGING_STAGE}/${vc_unit}" "${vc_text}")
endforeach()

set(vc_mode PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(INSTALL "${VC_PACKAGING_STAGE}/villagecast.service" DESTINATION "${vc_system_unitdir}"
     ${vc_mode})
file(INSTALL "${VC_PACKAGING_STAGE}/villagecast-user.service" DESTINATION "${vc_user_unitdir}"
     ${vc_mode})
file(INSTALL "${VC_PACKAGING_SOURCE}/default/villagecast" DESTINATION "${vc_sysconfdir}/default"
     ${vc_mode})
file(INSTALL "${VC_PACKAGING_SOURCE}/sysusers.d/villagecast.conf"
     DESTINATION "${vc_libdir}/sysusers.d" ${vc_mode})
file(INSTALL "${VC_PACKAGING_SOURCE}/tmpfiles.d/villagecast.conf"
     DESTINATION "${vc_libdir}/tmpfiles.d" ${vc_mode})
