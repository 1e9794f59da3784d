import { useState } from 'react';

/**
 * Whether this browser can share a screen: `getDisplayMedia` exists and the device is not a phone
 * or tablet (mobile browsers either lack it or refuse it). Read once, on the client.
 */
export function useCanShareScreen(): boolean {
  const [can] = useState(() => {
    if (typeof navigator === 'undefined') return false;
    const mobile = (navigator as { userAgentData?: { mobile?: boolean } }).userAgentData?.mobile;
    if (mobile ?? /Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent)) return false;
    return typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  });
  return can;
}
