# Installing villagecast as a service, and its Debian package.
#
# `cmake --install build --prefix P` adds to the program, examples and documents: the console's
# web files (P/share/villagecast/web), the systemd units (the system one in
# P/lib/systemd/system, the user one in P/lib/systemd/user), P/etc/default/villagecast and the
# sysusers.d/tmpfiles.d files that create the user villagecast and /var/lib/villagecast.
# With P = /usr (the package) the system unit goes to /lib/systemd/system and the settings to
# /etc/default/villagecast, as Debian 12 keeps them.
#
# `cpack -G DEB --config build/CPackConfig.cmake` (in the build folder) builds
# villagecast_VERSION_ARCH.deb with the prefix /usr; its Depends come from what the program
# links (dpkg-shlibdeps) plus the runtime packages below.

# Installing and packaging take what is built and never start a build themselves: a .deb is
# made after `cmake --build` (as scripts/setup does), and its test runs in seconds while other
# tests run, instead of rebuilding every test program first. A file that was not built fails
# the install loudly.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(VC_PACKAGING_SOURCE "${PROJECT_SOURCE_DIR}/packaging")
set(VC_PACKAGING_STAGE "${PROJECT_BINARY_DIR}/packaging")

# The console's static files, maintained in web/ (nothing to install while it does not exist).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/villagecast/web OPTIONAL)

# Units and settings: their places depend on the prefix given at install time.
install(CODE "set(VC_PACKAGING_SOURCE \"${VC_PACKAGING_SOURCE}\")
set(VC_PACKAGING_STAGE \"${VC_PACKAGING_STAGE}/units\")
set(VC_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
set(VC_DOCDIR \"${CMAKE_INSTALL_DOCDIR}\")")
install(SCRIPT ${VC_PACKAGING_SOURCE}/install_service_files.cmake)

# The Debian package.
set(VILLAGECAST_DEB_MAINTAINER
    "villagecast maintainers <maintainers@users.noreply.r-seed-9ca735d1.example>"
    CACHE STRING "Maintainer field of the .deb")
configure_file(${VC_PACKAGING_SOURCE}/debian/postinst ${VC_PACKAGING_STAGE}/debian/postinst
               COPYONLY)
configure_file(${VC_PACKAGING_SOURCE}/debian/prerm ${VC_PACKAGING_STAGE}/debian/prerm COPYONLY)
configure_file(${VC_PACKAGING_SOURCE}/debian/postrm ${VC_PACKAGING_STAGE}/debian/postrm COPYONLY)
# Files under /etc that dpkg must keep when the administrator has changed them.
file(WRITE ${VC_PACKAGING_STAGE}/debian/conffiles "/etc/default/villagecast\n")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "villagecast")
set(CPACK_PACKAGE_VENDOR "villagecast")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "broadcast announcement scheduler for village loudspeaker systems")
set(CPACK_PACKAGE_DESCRIPTION
    "villagecast plays a township's announcements through the village loudspeakers at their
set times and keeps an as-run log of what aired that an auditor can trust. A station folder
holds the recorded clips, playlists and schedule; the daemon runs as a systemd service (a
system unit for a headless box, a user unit for a desktop office PC).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_NAME "villagecast")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${VILLAGECAST_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "sound")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Libraries: found by dpkg-shlibdeps from the program itself. Not libraries: the time zone
# database (read by the date library at run time) and adduser (postinst).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, adduser")
# A desktop office PC's sound server; the demo clips' voices and chime (make-demo-clips).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pulseaudio | pipewire-pulse, espeak-ng, sox")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${VC_PACKAGING_STAGE}/debian/conffiles;${VC_PACKAGING_STAGE}/debian/postinst;${VC_PACKAGING_STAGE}/debian/prerm;${VC_PACKAGING_STAGE}/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
include(CPack)
