#!/usr/bin/env bash
# Installs every Debian 12 package taifeng needs to build, test and run.
# Idempotent: when everything is already installed it does nothing (no apt-get update).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates clang-format
  # fuzzing (libFuzzer) of the text readers
  clang libclang-rt-14-dev
  # numerics and parallel runtime
  libeigen3-dev libopenmpi-dev openmpi-bin libomp-dev
  # data formats
  libnetcdf-dev netcdf-bin libhdf5-dev hdf5-tools libeccodes-dev libeccodes-tools libudunits2-dev
  libgdal-dev gdal-bin libxml2-dev libxml2-utils nlohmann-json3-dev libssl-dev
  # application layer
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev liblemon-dev
  # visualisation (VTK 9 and headless rendering)
  libvtk9-dev xvfb xauth
  # maps and pages: animation encoding, CJK font for Chinese labels, headless page check
  ffmpeg fonts-noto-cjk chromium
  # tests: Catch2 v2 and independent readers (Debian's python3, /usr/bin/python3)
  catch2 python3-netcdf4 python3-xarray python3-vtk9
  # registries in PostgreSQL: the PostGIS round-trip test starts a private cluster
  postgresql-15 postgresql-15-postgis-3
  # real geography: ETOPO5 relief (/usr/share/ferret-vis/data/etopo5.cdf)
  ferret-datasets
  # real coastlines: GSHHG high resolution (/usr/share/gmt-gshhg/binned_GSHHS_h.nc)
  gmt-gshhg-high
  # job scripts and operations (hpc/jobs, hpc/ops): the Slurm test starts a private
  # one-node cluster; strace shows that only rank 0 writes; systemd-analyze checks the
  # units; shellcheck checks the scripts; ps/pkill find the processes of a killed cycle
  slurmctld slurmd slurm-client munge strace systemd shellcheck procps
  # bench/scaling.sh measures the MPI latency and bandwidth with a 2-rank ping-pong
  python3-mpi4py
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: done"
