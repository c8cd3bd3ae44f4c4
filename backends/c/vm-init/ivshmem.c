/*
 * ivshmem.c - finding and mapping the host relay's ivshmem-plain device from inside the guest with
 * nothing but sysfs: no driver, no module. The device's BAR 2 is the shared region; a driverless
 * PCI device has memory decoding off until sysfs's `enable` turns it on, and its BAR, claimed by
 * no driver, may be mmapped through `resource2` even under CONFIG_IO_STRICT_DEVMEM (that only
 * guards ranges a driver has claimed).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../vm-channel/channel.h"
#include "init.h"

#define PCI_DEVICES "/sys/bus/pci/devices"

/* A sysfs attribute holding one hex number ("0x1af4\n"); -1 when unreadable. */
static long hex_attr(const char *dev, const char *attr)
{
	char path[512], text[32];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, PCI_DEVICES "/%s/%s", dev, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = 0;
	return strtol(text, NULL, 16);
}

/* The first ivshmem device's name (e.g. "0000:00:02.0") into dev; 0 when found. */
static int find_device(char *dev, size_t len, char *why, size_t whylen)
{
	DIR *d = opendir(PCI_DEVICES);
	struct dirent *e;
	int found = -1;

	if (!d) {
		snprintf(why, whylen, "no %s (%s): is PCI built into this kernel?", PCI_DEVICES, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (hex_attr(e->d_name, "vendor") == USPEC_IVSHMEM_VENDOR && hex_attr(e->d_name, "device") == USPEC_IVSHMEM_DEVICE) {
			snprintf(dev, len, "%s", e->d_name);
			found = 0;
			break;
		}
	}
	closedir(d);
	if (found)
		snprintf(why, whylen, "no ivshmem-plain PCI device (%04x:%04x)", USPEC_IVSHMEM_VENDOR, USPEC_IVSHMEM_DEVICE);
	return found;
}

volatile uint8_t *ivshmem_map(char *why, size_t whylen)
{
	char dev[256], path[512];
	struct stat st;
	void *map;
	int fd;

	if (find_device(dev, sizeof dev, why, whylen))
		return NULL;
	/* memory decoding on: without it the BAR reads as all ones */
	snprintf(path, sizeof path, PCI_DEVICES "/%s/enable", dev);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1) {
		snprintf(why, whylen, "cannot enable PCI device %s (%s)", dev, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	close(fd);
	/* O_SYNC maps it uncached: both sides see every store in order, whatever the accelerator */
	snprintf(path, sizeof path, PCI_DEVICES "/%s/resource2", dev);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(why, whylen, "cannot open %s (%s)", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (st.st_size < USPEC_SHM_SIZE) {
		snprintf(why, whylen, "%s is %lld bytes, less than the channel's %d", path, (long long)st.st_size, USPEC_SHM_SIZE);
		close(fd);
		return NULL;
	}
	map = mmap(NULL, USPEC_SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(why, whylen, "cannot mmap %s (%s)", path, strerror(errno));
		return NULL;
	}
	if (memcmp(map, USPEC_SHM_MAGIC, USPEC_SHM_MAGIC_LEN)) {
		snprintf(why, whylen, "the ivshmem device %s does not start with the harness's magic", dev);
		munmap(map, USPEC_SHM_SIZE);
		return NULL;
	}
	return map;
}
